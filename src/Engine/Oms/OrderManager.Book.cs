using Engine.Model;

namespace Engine.Oms;

// Read access to the whole order table, for the start-up reconciliation (cold, before the engine thread runs).
public sealed partial class OrderManager<TOut>
{
    /// <summary>
    /// Every slot of the order table, by reference, read-only (a slot whose <see cref="Order.Status"/> is
    /// <see cref="OrderStatus.None"/> is empty). Read it only while the engine thread is not running: the start-up
    /// reconciliation compares it with the venue before the pipeline starts.
    /// </summary>
    public ReadOnlySpan<Order> OrderSlots => _orders.Slots;
}
