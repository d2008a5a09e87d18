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

    /// <summary>
    /// Cancels the symbol's working entry, if one is under way (the latency probe's order once the venue accepted it).
    /// Its plan ends when the cancel is confirmed; a fill that races the cancel is protected as any entry fill.
    /// </summary>
    public void CancelEntry(SymbolId symbol, long timeMs)
    {
        if ((uint)symbol.Value < (uint)_plans.Length && _plans[symbol.Value].Phase == ExitPhase.Entering)
        {
            Cancel(_plans[symbol.Value].EntryId, timeMs);
        }
    }
}
