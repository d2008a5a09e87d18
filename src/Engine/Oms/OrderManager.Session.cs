using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

// What a session boundary needs of the OMS: what an orderly stop waits for, and fresh order ids for a resumed process.
public sealed partial class OrderManager<TOut>
{
    /// <summary>The id block a new session of a resumed run starts at (<see cref="StartSession"/>): far more orders than a journal's unsynced moments hold.</summary>
    public const long SessionIdBlock = 10_000;

    // Orders whose outcome the venue has yet to give (see AwaitingVenue), kept where statuses change.
    private int _awaitingVenue;

    /// <summary>
    /// Orders whose outcome the venue has yet to give: a submit not yet acknowledged, a cancel sent, an outcome left
    /// open (Unknown), and a market order still working (it fills or expires at once, and its fill is on its way). An
    /// orderly stop waits for this to reach zero, so no fill arrives after the engine stopped listening.
    /// </summary>
    public int AwaitingVenue => _awaitingVenue;

    /// <summary>
    /// A resumed live run's new process: ids continue at the next multiple of <see cref="SessionIdBlock"/>. An order the
    /// previous process sent just before it died, whose cause the journal had not yet written, is unknown to the rebuilt
    /// engine; reusing its id would attach the venue's fills and answers for that order to a new one.
    /// </summary>
    public void StartSession() => _orders.SkipToNextBlock(SessionIdBlock);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AwaitsVenue(OrderStatus status, OrderType type) =>
        status is OrderStatus.PendingSubmit or OrderStatus.PendingCancel or OrderStatus.Unknown
        || (type == OrderType.Market && status is OrderStatus.Accepted or OrderStatus.PartiallyFilled);
}
