namespace ShuttlePro.Core.Common;

public static class Text
{
    /// <summary>A one-line preview for lists: whitespace collapsed, cut at a word boundary.</summary>
    public static string Preview(string? text, int maxLength = 120)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length <= maxLength) return oneLine;
        var cut = oneLine.LastIndexOf(' ', maxLength - 1);
        return (cut > maxLength / 2 ? oneLine[..cut] : Cut(oneLine, maxLength - 1)) + "…";
    }

    /// <summary>At most <paramref name="maxLength"/> UTF-16 units, never half of a surrogate pair (an emoji cut in two is stored as �).</summary>
    public static string Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];

    /// <summary>Escapes LIKE wildcards so user search text matches literally.</summary>
    public static string LikeContains(string term) =>
        "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
