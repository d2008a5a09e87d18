using Engine.Binance.Live.UserData;
using Engine.Model;

namespace Engine.Binance.Live.Health;

/// <summary>
/// Whether the account holds a position, as the venue last said: an <see cref="IUserEventSink"/> between the user
/// stream and the input ring (<c>new VenuePositionWatch(new InputPublisherSink(pipeline.Input))</c>) that passes
/// everything on and keeps each symbol's position amount from the <see cref="AccountUpdateKind.Position"/> updates
/// (Binance's <c>ACCOUNT_UPDATE</c> after each fill, and the positions every reconciliation reads). While the stream
/// is down the last known amounts stand, so a position open when it dropped counts as open. <see cref="AnyOpen"/>
/// may be read from any thread (the health rule's timer).
/// </summary>
public sealed class VenuePositionWatch(IUserEventSink inner) : IUserEventSink
{
    private readonly Dictionary<int, long> _amounts = [];
    private readonly Lock _gate = new();
    private int _open;

    /// <summary>True when some symbol's last known position amount is not zero.</summary>
    public bool AnyOpen => Volatile.Read(ref _open) > 0;

    /// <summary>Symbols whose last known position is not flat.</summary>
    public int OpenCount => Volatile.Read(ref _open);

    public void OnReport(in VenueReport report) => inner.OnReport(in report);

    public void OnAccountUpdate(in AccountUpdate update)
    {
        if (update.Kind == AccountUpdateKind.Position)
        {
            lock (_gate)
            {
                bool was = _amounts.TryGetValue(update.Symbol.Value, out long old) && old != 0;
                bool now = update.Amount.E8 != 0;
                _amounts[update.Symbol.Value] = update.Amount.E8;
                if (was != now)
                {
                    Volatile.Write(ref _open, _open + (now ? 1 : -1));
                }
            }
        }

        inner.OnAccountUpdate(in update);
    }
}
