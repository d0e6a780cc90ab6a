using ShuttlePro.Core.Board;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Store.BoardFeature;

/// <summary>Load the board for one team, or for every team the lead leads (null).</summary>
public sealed record LoadBoardAction(int? TeamId);

public sealed record BoardLoadedAction(int? TeamId, BoardSnapshot Snapshot);

public sealed record BoardLoadFailedAction(int? TeamId, string Error);

/// <summary>Move cards to a column (a drop, the "Move to…" menu, "Move selected", "Move all of …"): one Core move each.</summary>
public sealed record MoveCardsAction(IReadOnlyList<Guid> ConversationIds, BoardTarget Target, string TargetName);

public sealed record CardMovedAction(ConversationSummary Summary);

/// <summary>Core refused a move: the card goes back where it was and says why.</summary>
public sealed record CardMoveRefusedAction(Guid ConversationId, Problem Problem);

public sealed record CardsMoveFinishedAction(string TargetName, int Moved, IReadOnlyList<BoardMoveFailure> Failures);

public sealed record ToggleCardSelectionAction(Guid ConversationId, bool Selected);

public sealed record ClearBoardSelectionAction;

public sealed record DismissCardRefusalAction(Guid ConversationId);
