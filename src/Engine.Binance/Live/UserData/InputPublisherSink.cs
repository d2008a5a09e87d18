using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// The live <see cref="IUserEventSink"/>: each report or account update becomes one input-ring slot
/// (<see cref="EventKind.VenueReport"/> or <see cref="EventKind.AccountUpdate"/>), stamped when it is claimed. Once the
/// run has closed its input, later events are counted as dropped (the run is stopping; the journal has what came before).
/// </summary>
public sealed class InputPublisherSink(IInputPublisher input) : IUserEventSink
{
    private long _dropped;

    /// <summary>Events that arrived after the input closed.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    public void OnReport(in VenueReport report)
    {
        if (TryClaim(out long sequence))
        {
            ref EngineEvent slot = ref input[sequence];
            slot.Kind = EventKind.VenueReport;
            slot.ReceivedTimestamp = EngineClock.Timestamp();
            slot.Report = report;
            input.Publish(sequence);
        }
    }

    public void OnAccountUpdate(in AccountUpdate update)
    {
        if (TryClaim(out long sequence))
        {
            ref EngineEvent slot = ref input[sequence];
            slot.Kind = EventKind.AccountUpdate;
            slot.ReceivedTimestamp = EngineClock.Timestamp();
            slot.AccountUpdate = update;
            input.Publish(sequence);
        }
    }

    private bool TryClaim(out long sequence)
    {
        try
        {
            sequence = input.Claim();
            return true;
        }
        catch (InputClosedException)
        {
            Interlocked.Increment(ref _dropped);
            sequence = -1;
            return false;
        }
    }
}
