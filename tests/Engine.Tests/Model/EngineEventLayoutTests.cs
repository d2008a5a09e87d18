using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Tests.Model;

public sealed class EngineEventLayoutTests
{
    [Fact]
    public void Slot_IsHeaderPlusLargestPart_WithinTwoCacheLines()
    {
        int largest = new[]
        {
            Unsafe.SizeOf<Trade>(),
            Unsafe.SizeOf<AggregatedRow>(),
            Unsafe.SizeOf<VenueReport>(),
            Unsafe.SizeOf<OperatorCommand>(),
            Unsafe.SizeOf<MarkPrice>(),
            Unsafe.SizeOf<AccountUpdate>(),
            Unsafe.SizeOf<FeedGap>(),
            sizeof(long),
        }.Max();

        // Kind and ReceivedTimestamp take the first 16 bytes; the parts share the rest.
        Assert.Equal(16 + largest, Unsafe.SizeOf<EngineEvent>());
        Assert.True(Unsafe.SizeOf<EngineEvent>() <= 128, $"an input slot of {Unsafe.SizeOf<EngineEvent>()} bytes spans more than two cache lines");
    }

    [Fact]
    public void MarkPrice_FitsInTheTradePart_SoTheSlotDoesNotGrow()
    {
        // 112 bytes: the slot's size before mark prices were added (measured on main at dfaf329).
        Assert.True(Unsafe.SizeOf<MarkPrice>() <= Unsafe.SizeOf<Trade>());
        Assert.Equal(112, Unsafe.SizeOf<EngineEvent>());
    }

    [Fact]
    public void Parts_StartAfterTheHeader_SoWritingOneNeverTouchesKindOrTimestamp()
    {
        var slot = new EngineEvent { Kind = EventKind.Trade, ReceivedTimestamp = 42 };
        slot.Row = new AggregatedRow { StartMs = -1, IntervalMs = -1, Trades = -1, HasClose = true, HasHighLow = true };
        slot.Report = default;
        slot.Trade = new Trade { Id = long.MaxValue, Type = TradeType.Market };

        Assert.Equal(EventKind.Trade, slot.Kind);
        Assert.Equal(42, slot.ReceivedTimestamp);
        Assert.Equal(long.MaxValue, slot.Trade.Id);
    }
}
