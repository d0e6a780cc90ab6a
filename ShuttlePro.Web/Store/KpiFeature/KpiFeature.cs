using ShuttlePro.Core.Common;
using ShuttlePro.Core.Kpi;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.KpiFeature;

/// <summary>What the KPI page asks for: a period and the optional team and agent filters.</summary>
public sealed record KpiRequest(KpiPeriod Period, int? TeamId = null, Guid? AgentId = null);

/// <summary>The KPI page: the last request and its report (kept while the next one loads, so the page does not flash empty).</summary>
public sealed record KpiState(KpiRequest? Request, KpiReport? Report, bool Loading, Problem? Problem)
{
    public static readonly KpiState Initial = new(null, null, false, null);
}

public sealed record LoadKpiAction(KpiRequest Request);

public sealed record KpiLoadedAction(KpiRequest Request, KpiReport Report);

public sealed record KpiLoadFailedAction(KpiRequest Request, Problem Problem);

public static class KpiReducers
{
    public static KpiState OnLoad(KpiState state, LoadKpiAction action) => state with { Request = action.Request, Loading = true, Problem = null };

    /// <summary>An answer to an older request (the filters changed meanwhile) is dropped.</summary>
    public static KpiState OnLoaded(KpiState state, KpiLoadedAction action) =>
        state.Request != action.Request ? state : state with { Report = action.Report, Loading = false, Problem = null };

    public static KpiState OnLoadFailed(KpiState state, KpiLoadFailedAction action) =>
        state.Request != action.Request ? state : state with { Report = null, Loading = false, Problem = action.Problem };
}

public sealed class LoadKpiEffect(IState<SessionState> session, KpiQueries kpi) : Effect<LoadKpiAction>
{
    public override async Task HandleAsync(LoadKpiAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var report = await kpi.ComputeAsync(actor, action.Request.Period, action.Request.TeamId, action.Request.AgentId);
        dispatcher.Dispatch(report.Succeeded
            ? new KpiLoadedAction(action.Request, report.Value)
            : new KpiLoadFailedAction(action.Request, report.Problem));
    }
}

public static class KpiRegistration
{
    public static IServiceCollection AddKpiFeature(this IServiceCollection services)
    {
        services.AddFeature("Kpi", KpiState.Initial,
            new Reducer<KpiState, LoadKpiAction>(KpiReducers.OnLoad),
            new Reducer<KpiState, KpiLoadedAction>(KpiReducers.OnLoaded),
            new Reducer<KpiState, KpiLoadFailedAction>(KpiReducers.OnLoadFailed));
        services.AddScoped<IEffect, LoadKpiEffect>();
        return services;
    }
}
