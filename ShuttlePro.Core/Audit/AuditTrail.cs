using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Audit;

/// <summary>
/// Adds audit events to the unit of work of the change they describe, so both commit together or neither does.
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Stored as readable text (Urdu names stay searchable); it is always rendered as text, never as markup.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static AuditEvent Record(this ShuttleDbContext db, Actor actor, string action, string subjectType,
        string subjectId, DateTimeOffset at, Guid? conversationId = null, object? before = null, object? after = null, int? teamId = null)
    {
        var auditEvent = Create(actor, action, subjectType, subjectId, at, conversationId, before, after, teamId);
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }

    /// <summary>An event for a caller that writes it itself, in the same transaction as its change (bulk ingestion).</summary>
    public static AuditEvent Create(Actor actor, string action, string subjectType, string subjectId, DateTimeOffset at,
        Guid? conversationId = null, object? before = null, object? after = null, int? teamId = null) =>
        new(at, actor.IsSystem ? null : actor.AgentId, actor.Name, action, subjectType, subjectId, conversationId, teamId,
            Serialize(before), Serialize(after));

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);
}
