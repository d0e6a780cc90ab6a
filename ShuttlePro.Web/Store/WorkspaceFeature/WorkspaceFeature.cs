using System.Collections.Immutable;
using ShuttlePro.Core.Workspace;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.WorkspaceFeature;

/// <summary>The labels of the organisation and the canned responses this agent may use.</summary>
public sealed record WorkspaceState(ImmutableList<LabelView> Labels, ImmutableList<CannedResponseView> CannedResponses)
{
    public static readonly WorkspaceState Initial = new([], []);
}

/// <summary>(Re)load labels and canned responses, e.g. after an admin or the agent changed them.</summary>
public sealed record LoadWorkspaceAction;

public sealed record WorkspaceLoadedAction(IReadOnlyList<LabelView> Labels, IReadOnlyList<CannedResponseView> CannedResponses);

public static class WorkspaceReducers
{
    public static WorkspaceState OnLoaded(WorkspaceState state, WorkspaceLoadedAction action) =>
        new([.. action.Labels], [.. action.CannedResponses]);
}

public sealed class LoadWorkspaceOnSessionEffect : Effect<SessionLoadedAction>
{
    public override Task HandleAsync(SessionLoadedAction action, IDispatcher dispatcher)
    {
        dispatcher.Dispatch(new LoadWorkspaceAction());
        return Task.CompletedTask;
    }
}

public sealed class LoadWorkspaceEffect(IState<SessionState> session, WorkspaceService workspace) : Effect<LoadWorkspaceAction>
{
    public override async Task HandleAsync(LoadWorkspaceAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        dispatcher.Dispatch(new WorkspaceLoadedAction(await workspace.ListLabelsAsync(), await workspace.ListCannedAsync(actor)));
    }
}
