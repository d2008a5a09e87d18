using System.Runtime.CompilerServices;
using Engine.EventLog;
using Engine.Model;

namespace Engine.Tests.EventLog;

/// <summary>Mark price events (issue #16) go through the event journal like every other input, with their own payload size.</summary>
public sealed class MarkPriceJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-evjournal-mark-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MarkPrice_ComesBack_AsWritten_InAMarkSizedRecord()
    {
        EngineEvent mark = default;
        mark.Kind = EventKind.MarkPrice;
        mark.ReceivedTimestamp = 13;
        mark.Mark = new MarkPrice { Symbol = new SymbolId(1), Price = Price.Parse("2600.125"), EventTimeMs = 1_723_161_241_000 };
        List<EngineEvent> events = [JournalEvents.Trade(100, "61000.5", "0.012", 1_723_161_240_000), mark];
        string path = Path.Combine(_dir, "m.journal");
        using (EventJournalWriter writer = EventJournalWriter.Create(path, JournalEvents.Symbols, JournalEvents.NoFsync))
        {
            JournalEvents.Write(writer, events, batch: 2);
        }

        List<EngineEvent> read = JournalEvents.ReadAll(path, out JournalDamage? damage);

        Assert.Null(damage);
        Assert.Equal([EventKind.Trade, EventKind.MarkPrice], read.Select(e => e.Kind));
        Assert.Equal(mark.Mark, read[1].Mark);
        Assert.Equal(13, read[1].ReceivedTimestamp);

        // Header (64 + two symbols of 1 + 7 bytes), then records of frame 8 + body 17 + payload each.
        long expected = 64 + 8 + 8 + (8 + 17 + Unsafe.SizeOf<Trade>()) + (8 + 17 + Unsafe.SizeOf<MarkPrice>());
        Assert.Equal(expected, new FileInfo(path).Length);
    }
}
