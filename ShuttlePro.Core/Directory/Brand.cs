namespace ShuttlePro.Core.Directory;

/// <summary>A shop whose customers write in, on one or more WhatsApp numbers.</summary>
public sealed class Brand
{
    private Brand() { }

    public Brand(string name)
    {
        Name = string.IsNullOrWhiteSpace(name)
            ? throw new Common.DomainException(Common.Problem.Validation("A brand needs a name."))
            : name.Trim();
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
}
