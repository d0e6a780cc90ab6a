using ShuttlePro.Core.Board;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.BoardFeature;

public sealed class LoadBoardEffect(BoardService board, IState<SessionState> session) : Effect<LoadBoardAction>
{
    public override async Task HandleAsync(LoadBoardAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await board.LoadAsync(actor, action.TeamId);
        dispatcher.Dispatch(result.Succeeded
            ? new BoardLoadedAction(action.TeamId, result.Value)
            : new BoardLoadFailedAction(action.TeamId, result.Problem.Message));
    }
}

/// <summary>
/// Each card is its own Core move (assign or release), guarded by the owner the card showed when it was moved:
/// one refusal does not stop the others, and the report says which failed and why.
/// </summary>
public sealed class MoveCardsEffect(BoardService board, IState<SessionState> session, IState<BoardState> state) : Effect<MoveCardsAction>
{
    public override async Task HandleAsync(MoveCardsAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var moved = 0;
        List<BoardMoveFailure> failures = [];
        foreach (var id in action.ConversationIds)
        {
            if (state.Value.Cards.Find(c => c.Id == id) is not { } card) continue;
            var result = await board.MoveAsync(actor, id, card.OwnerId, action.Target);
            if (result.Succeeded)
            {
                moved++;
                dispatcher.Dispatch(new CardMovedAction(result.Value));
            }
            else
            {
                failures.Add(new BoardMoveFailure(id, card.Number, result.Problem.Message));
                dispatcher.Dispatch(new CardMoveRefusedAction(id, result.Problem));
            }
        }
        dispatcher.Dispatch(new CardsMoveFinishedAction(action.TargetName, moved, failures));
    }
}

/// <summary>After missed live events, reload the board the lead is looking at.</summary>
public sealed class ResyncBoardEffect(IState<BoardState> state) : Effect<ResyncAction>
{
    public override Task HandleAsync(ResyncAction action, IDispatcher dispatcher)
    {
        if (state.Value.Loaded) dispatcher.Dispatch(new LoadBoardAction(state.Value.TeamFilter));
        return Task.CompletedTask;
    }
}
