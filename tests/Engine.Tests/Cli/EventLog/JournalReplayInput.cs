using Engine.Model;
using Engine.Tests.EventLog;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Cli.EventLog;

/// <summary>The real BTCUSDT trades with timer ticks, a halt and a resume among them: every kind a paper run's ring carries.</summary>
internal static class JournalReplayInput
{
    public static List<EngineEvent> RealTradesWithCommands(bool withEnd)
    {
        var events = new List<EngineEvent>();
        using var reader = PipelineFixtures.OpenBtc(new SymbolRegistry(["BTCUSDT"]));
        EngineEvent slot = default;
        while (reader.TryReadNext(ref slot))
        {
            events.Add(slot);
        }

        int n = events.Count;
        long Time(int i) => events[i].Trade.TradeTimeMs;
        events.Insert(n * 2 / 3, JournalEvents.Command(OperatorCommandKind.Resume, Time(n * 2 / 3)));
        events.Insert(n / 2, JournalEvents.Command(OperatorCommandKind.Halt, Time(n / 2)));
        for (int i = n - 1; i > 0; i -= n / 40)
        {
            events.Insert(i, JournalEvents.Tick(Time(i)));
        }

        if (withEnd)
        {
            EngineEvent end = default;
            end.Kind = EventKind.EndOfStream;
            events.Add(end); // not journalled: the replay of the journal ends with its own
        }

        return events;
    }
}
