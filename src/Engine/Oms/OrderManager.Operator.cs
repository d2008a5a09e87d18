using Engine.Model;

namespace Engine.Oms;

public sealed partial class OrderManager<TOut>
{
    /// <summary>
    /// Operator cancel-all: asks the venue to cancel every working order (entries, stops and take-profits). A position
    /// left without its stop is protected again by its plan when the cancel is confirmed. Returns the cancels sent.
    /// </summary>
    public int CancelAllWorking(long timeMs)
    {
        long before = Counters.CancelsSent;
        Span<Order> slots = _orders.Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (slots[i].Status != OrderStatus.None)
            {
                Cancel(slots[i].ClientId, timeMs);
            }
        }

        return (int)(Counters.CancelsSent - before);
    }
}
