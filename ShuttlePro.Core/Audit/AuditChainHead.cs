namespace ShuttlePro.Core.Audit;

/// <summary>
/// The single row at the end of the hash chain: the last sequence handed out and its hash. Every append updates it
/// in the appending transaction, so concurrent writers queue on its lock and the chain can never fork; and since it
/// is written with every event, deleting events from the end of the chain is detected too.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    private AuditChainHead() { }

    public int Id { get; private set; } = SingletonId;
    public long LastSequence { get; private set; }
    public string LastHash { get; private set; } = "";
}
