using System.Collections.Immutable;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;

namespace ShuttlePro.Web.Store.AuditFeature;

/// <summary>
/// The audit page: the criteria it shows, the filter they resolved to, the rows loaded so far (newest first, keyset pages
/// of <see cref="PageSize"/>), the numbers of the conversations in them, and the chain's last verification.
/// </summary>
public sealed record AuditState(AuditCriteria Criteria, AuditFilter? Filter, ImmutableList<AuditEntry> Rows, bool Loading, Problem? Problem)
{
    public const int PageSize = 50;

    public static readonly AuditState Initial = new(AuditCriteria.None, null, [], false, null);

    public ImmutableDictionary<Guid, int> ConversationNumbers { get; init; } = ImmutableDictionary<Guid, int>.Empty;

    /// <summary>Whether the last page was full, so there may be older events.</summary>
    public bool HasOlder { get; init; }

    public bool LoadingOlder { get; init; }

    public AuditVerification? Verification { get; init; }
    public bool Verifying { get; init; }
    public Problem? VerifyProblem { get; init; }

    /// <summary>The oldest sequence loaded: the keyset for "Load older".</summary>
    public long? OldestSequence => Rows.Count == 0 ? null : Rows[^1].Sequence;
}

/// <summary>The page opened: show the last verification, or start one if the chain was never verified since start.</summary>
public sealed record OpenAuditPageAction;

/// <summary>Load the newest page for these criteria (also the "newest" reset).</summary>
public sealed record LoadAuditAction(AuditCriteria Criteria);

public sealed record AuditLoadedAction(AuditCriteria Criteria, AuditFilter Filter, IReadOnlyList<AuditEntry> Entries,
    IReadOnlyDictionary<Guid, int> ConversationNumbers);

public sealed record AuditLoadFailedAction(AuditCriteria Criteria, Problem Problem);

/// <summary>Load the page of events older than <paramref name="Before"/> under <paramref name="Filter"/>.</summary>
public sealed record LoadOlderAuditAction(AuditFilter Filter, long Before);

public sealed record OlderAuditLoadedAction(AuditFilter Filter, long Before, IReadOnlyList<AuditEntry> Entries,
    IReadOnlyDictionary<Guid, int> ConversationNumbers);

public sealed record OlderAuditLoadFailedAction(AuditFilter Filter, long Before, Problem Problem);

public sealed record VerifyAuditChainAction;

public sealed record AuditChainVerifiedAction(AuditVerification Verification);

public sealed record AuditChainVerifyFailedAction(Problem Problem);

public static class AuditReducers
{
    public static AuditState OnLoad(AuditState state, LoadAuditAction action) =>
        state with { Criteria = action.Criteria, Loading = true, Problem = null, LoadingOlder = false };

    public static AuditState OnLoaded(AuditState state, AuditLoadedAction action) => action.Criteria != state.Criteria
        ? state
        : state with
        {
            Filter = action.Filter,
            Rows = [.. action.Entries],
            ConversationNumbers = ImmutableDictionary.CreateRange(action.ConversationNumbers),
            HasOlder = action.Entries.Count >= AuditState.PageSize,
            Loading = false,
        };

    public static AuditState OnLoadFailed(AuditState state, AuditLoadFailedAction action) => action.Criteria != state.Criteria
        ? state
        : state with { Filter = null, Rows = [], HasOlder = false, Loading = false, Problem = action.Problem };

    public static AuditState OnLoadOlder(AuditState state, LoadOlderAuditAction action) =>
        IsCurrentPage(state, action.Filter, action.Before) ? state with { LoadingOlder = true, Problem = null } : state;

    public static AuditState OnOlderLoaded(AuditState state, OlderAuditLoadedAction action) => !IsCurrentPage(state, action.Filter, action.Before)
        ? state
        : state with
        {
            Rows = state.Rows.AddRange(action.Entries),
            ConversationNumbers = state.ConversationNumbers.SetItems(action.ConversationNumbers),
            HasOlder = action.Entries.Count >= AuditState.PageSize,
            LoadingOlder = false,
        };

    public static AuditState OnOlderLoadFailed(AuditState state, OlderAuditLoadFailedAction action) =>
        !IsCurrentPage(state, action.Filter, action.Before) ? state : state with { LoadingOlder = false, Problem = action.Problem };

    public static AuditState OnVerify(AuditState state, VerifyAuditChainAction action) => state with { Verifying = true, VerifyProblem = null };

    public static AuditState OnVerified(AuditState state, AuditChainVerifiedAction action) =>
        state with { Verification = action.Verification, Verifying = false, VerifyProblem = null };

    public static AuditState OnVerifyFailed(AuditState state, AuditChainVerifyFailedAction action) =>
        state with { Verifying = false, VerifyProblem = action.Problem };

    // A page that arrives after the filter changed or the list was reset belongs to a list no longer shown.
    private static bool IsCurrentPage(AuditState state, AuditFilter filter, long before) =>
        !state.Loading && state.Filter == filter && state.OldestSequence == before;
}

public static class AuditRegistration
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services)
    {
        services.AddFeature("Audit", AuditState.Initial,
            new Reducer<AuditState, LoadAuditAction>(AuditReducers.OnLoad),
            new Reducer<AuditState, AuditLoadedAction>(AuditReducers.OnLoaded),
            new Reducer<AuditState, AuditLoadFailedAction>(AuditReducers.OnLoadFailed),
            new Reducer<AuditState, LoadOlderAuditAction>(AuditReducers.OnLoadOlder),
            new Reducer<AuditState, OlderAuditLoadedAction>(AuditReducers.OnOlderLoaded),
            new Reducer<AuditState, OlderAuditLoadFailedAction>(AuditReducers.OnOlderLoadFailed),
            new Reducer<AuditState, VerifyAuditChainAction>(AuditReducers.OnVerify),
            new Reducer<AuditState, AuditChainVerifiedAction>(AuditReducers.OnVerified),
            new Reducer<AuditState, AuditChainVerifyFailedAction>(AuditReducers.OnVerifyFailed));
        services.AddScoped<IEffect, OpenAuditPageEffect>();
        services.AddScoped<IEffect, LoadAuditEffect>();
        services.AddScoped<IEffect, LoadOlderAuditEffect>();
        services.AddScoped<IEffect, VerifyAuditChainEffect>();
        return services;
    }
}
