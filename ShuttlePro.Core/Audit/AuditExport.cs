using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShuttlePro.Core.Audit;

public enum AuditExportFormat { Csv, JsonLines }

/// <summary>
/// The export formats: every field exactly as hashed (times in <see cref="AuditHash.TimeFormat"/>, before/after as their
/// stored JSON text) with both hashes, so an auditor can re-verify the chain offline (docs/audit.md). Reading is here too,
/// for the offline verifier and the round-trip tests.
/// </summary>
public static class AuditExport
{
    public static readonly string[] Columns =
        ["seq", "at", "actorId", "actorName", "action", "subjectType", "subjectId", "conversationId", "teamId", "before", "after", "prevHash", "hash"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ContentType(AuditExportFormat format) => format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson";

    public static string Extension(AuditExportFormat format) => format == AuditExportFormat.Csv ? "csv" : "jsonl";

    public static async Task WriteAsync(TextWriter writer, AuditExportFormat format, IAsyncEnumerable<AuditEntry> entries,
        CancellationToken cancellationToken = default)
    {
        if (format == AuditExportFormat.Csv) await writer.WriteLineAsync(string.Join(',', Columns));
        var written = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(format == AuditExportFormat.Csv ? CsvLine(entry) : JsonLine(entry));
            if (++written % 500 == 0) await writer.FlushAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static string?[] Fields(AuditEntry e) =>
    [
        e.Sequence.ToString(CultureInfo.InvariantCulture), AuditHash.FormatTime(e.At), AuditHash.FormatId(e.ActorId), e.ActorName, e.Action,
        e.SubjectType, e.SubjectId, AuditHash.FormatId(e.ConversationId), e.TeamId?.ToString(CultureInfo.InvariantCulture), e.Before, e.After,
        e.PreviousHash, e.Hash,
    ];

    public static string JsonLine(AuditEntry e)
    {
        var fields = Fields(e);
        var line = new Dictionary<string, string?>(Columns.Length);
        for (var i = 0; i < Columns.Length; i++) line[Columns[i]] = string.IsNullOrEmpty(fields[i]) ? null : fields[i];
        return JsonSerializer.Serialize(line, Json);
    }

    public static string CsvLine(AuditEntry e) => string.Join(',', Fields(e).Select(CsvCell));

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on cells a spreadsheet would run as a formula (customer names are
    /// customer input). The apostrophe is an escape, not content: it is also put before a value that itself starts
    /// with one, and a reader removes exactly one.
    /// </summary>
    private static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>Reads an export back into what the hashes cover (for offline verification).</summary>
    public static IEnumerable<(AuditContent Content, string Hash)> Read(TextReader reader, AuditExportFormat format)
    {
        if (format == AuditExportFormat.Csv)
        {
            var header = ReadCsvRecord(reader) ?? throw new FormatException("The CSV export is empty.");
            if (!header.SequenceEqual(Columns)) throw new FormatException($"Unexpected CSV header: {string.Join(',', header)}");
            while (ReadCsvRecord(reader) is { } record)
                yield return ToContent(record.Select(Unescape).ToArray());
            yield break;
        }
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = JsonSerializer.Deserialize<Dictionary<string, string?>>(line) ?? throw new FormatException("An empty JSON line.");
            yield return ToContent(Columns.Select(c => fields.GetValueOrDefault(c)).ToArray());
        }

        static string? Unescape(string value) => value.StartsWith('\'') ? value[1..] : value;
    }

    private static (AuditContent, string) ToContent(string?[] f)
    {
        if (f.Length != Columns.Length) throw new FormatException($"Expected {Columns.Length} fields, got {f.Length}.");
        static Guid? Id(string? value) => string.IsNullOrEmpty(value) ? null : Guid.Parse(value);
        static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
        var content = new AuditContent(f[11] ?? "", long.Parse(f[0]!, CultureInfo.InvariantCulture),
            DateTimeOffset.ParseExact(f[1]!, AuditHash.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Id(f[2]), f[3] ?? "", f[4] ?? "", f[5] ?? "", f[6] ?? "", Id(f[7]),
            string.IsNullOrEmpty(f[8]) ? null : int.Parse(f[8]!, CultureInfo.InvariantCulture), Text(f[9]), Text(f[10]));
        return (content, f[12] ?? "");
    }

    private static List<string>? ReadCsvRecord(TextReader reader)
    {
        if (reader.Peek() < 0) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (quoted)
            {
                if (c < 0) throw new FormatException("A quoted CSV field is not closed.");
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else field.Append((char)c);
                continue;
            }
            if (c == '"' && field.Length == 0) { quoted = true; continue; }
            if (c == ',') { fields.Add(field.ToString()); field.Clear(); continue; }
            if (c == '\r' && reader.Peek() == '\n') continue;
            if (c is '\n' or -1)
            {
                fields.Add(field.ToString());
                return fields;
            }
            field.Append((char)c);
        }
    }

    /// <summary>
    /// Verifies an exported chain segment on its own: each line's hash matches its content and each line names the hash
    /// of the line before. A filtered export is a selection, so only its hashes (not its links) can be checked.
    /// </summary>
    public static AuditVerification VerifyOffline(IEnumerable<(AuditContent Content, string Hash)> lines, bool complete, DateTimeOffset now)
    {
        long checkedCount = 0, verifiedUpTo = 0;
        string? previous = null;
        long? previousSequence = null;
        foreach (var (content, hash) in lines)
        {
            checkedCount++;
            var linked = !complete || previous is null || (content.PreviousHash == previous && content.Sequence == previousSequence + 1);
            if (!linked || !AuditHash.Matches(content, hash)) return new AuditVerification(false, checkedCount, content.Sequence, verifiedUpTo, now);
            previous = hash;
            previousSequence = content.Sequence;
            verifiedUpTo = content.Sequence;
        }
        return new AuditVerification(true, checkedCount, null, verifiedUpTo, now);
    }
}
