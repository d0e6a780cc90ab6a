using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.SessionFeature;
using ShuttlePro.Web.Store.TicketsFeature;

namespace ShuttlePro.Web.Store.BoardFeature;

public static class BoardRegistration
{
    public static IServiceCollection AddBoardFeature(this IServiceCollection services)
    {
        services.AddFeature("Board", BoardState.Initial,
            new Reducer<BoardState, LoadBoardAction>(BoardReducers.OnLoad),
            new Reducer<BoardState, BoardLoadedAction>(BoardReducers.OnLoaded),
            new Reducer<BoardState, BoardLoadFailedAction>(BoardReducers.OnLoadFailed),
            new Reducer<BoardState, LiveConversationUpdatedAction>(BoardReducers.OnConversationUpdated),
            new Reducer<BoardState, InboxConversationRemovedAction>(BoardReducers.OnRemoved),
            new Reducer<BoardState, LiveTicketUpdatedAction>(BoardReducers.OnTicketUpdated),
            new Reducer<BoardState, TicketRemovedAction>(BoardReducers.OnTicketRemoved),
            new Reducer<BoardState, MoveCardsAction>(BoardReducers.OnMove),
            new Reducer<BoardState, CardMovedAction>(BoardReducers.OnMoved),
            new Reducer<BoardState, CardMoveRefusedAction>(BoardReducers.OnMoveRefused),
            new Reducer<BoardState, CardsMoveFinishedAction>(BoardReducers.OnMoveFinished),
            new Reducer<BoardState, ToggleCardSelectionAction>(BoardReducers.OnToggleSelection),
            new Reducer<BoardState, ClearBoardSelectionAction>(BoardReducers.OnClearSelection),
            new Reducer<BoardState, DismissCardRefusalAction>(BoardReducers.OnDismissRefusal));
        services.AddScoped<IEffect, LoadBoardEffect>();
        services.AddScoped<IEffect, MoveCardsEffect>();
        services.AddScoped<IEffect, ResyncBoardEffect>();
        return services;
    }
}
