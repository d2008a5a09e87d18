using System.Text;
using CsCheck;
using Engine.Binance.Archives;
using Engine.Binance.Recording;
using Engine.Binance.Sources;
using Engine.Cli.Journal;
using Engine.Model;

namespace Engine.Tests.Properties;

/// <summary>
/// parse(format(x)) = x for every output the engine writes and also reads: fixed-point decimals, aggregated.csv rows
/// (AggregatedCsvWriter → AggregatedCsvReader, ISO timestamps and shortest round-trip doubles included) and ENGREC01
/// recordings (RecordingWriter → RecordingReader). deltascout.log and bars.csv have no reader, so no round trip.
/// </summary>
public class RoundTripPropertyTests
{
    private const long Scale = FixedPoint.Scale;

    private static readonly Gen<long> NonNegativeE8 = Gen.Frequency(
        (4, Gen.Long[0, 100_000 * Scale]),
        (1, Gen.Long[0, long.MaxValue]),
        (1, Gen.OneOf(0L, 1L, Scale, long.MaxValue)));

    /// <summary>AvgPrice and AvgSize are doubles: any finite non-negative one, including subnormals and huge values.</summary>
    private static readonly Gen<double> NonNegativeDouble = Gen.Frequency(
        (3, Gen.Double[0, 200_000]),
        (1, Gen.Double.Where(d => double.IsFinite(d) && d >= 0)),
        (1, Gen.OneOf(0.0, double.Epsilon, 0.1, 61812.751345291486, double.MaxValue)));

    [Fact]
    public void FixedPoint_ParseOfFormat_IsTheValue()
    {
        // Documented range: ±92,233,720,368.54775807, i.e. every long but long.MinValue, whose magnitude is one more.
        Gen.Long.Where(x => x != long.MinValue).Sample(x =>
        {
            Span<byte> text = stackalloc byte[32];
            Assert.True(FixedPoint.TryFormat(x, text, out int written));
            Assert.True(FixedPoint.TryParse(text[..written], out long back), Encoding.ASCII.GetString(text[..written]));
            Assert.Equal(x, back);
            Assert.True(FixedPoint.TryParse(FixedPoint.ToString(x).AsSpan(), out long viaChars));
            Assert.Equal(x, viaChars);
        }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void AggregatedCsv_ReadOfWrittenRow_IsTheRow()
    {
        Gen<AggregatedRow> rows =
            Gen.Select(Gen.Long[0, 253_402_300_799_999], Gen.Long[0, 1_000_000_000], NonNegativeE8, NonNegativeE8, NonNegativeE8, NonNegativeDouble)
            .Select(Gen.Select(NonNegativeE8, NonNegativeE8, NonNegativeE8, Gen.Bool, Gen.Bool), (a, b) => new AggregatedRow
            {
                Symbol = new SymbolId(0),
                StartMs = a.Item1,
                IntervalMs = 60_000,
                Trades = a.Item2,
                TotalQty = new Quantity(a.Item3),
                BuyQty = new Quantity(a.Item4),
                SellQty = new Quantity(a.Item5),
                AvgPrice = a.Item6,
                ClosePrice = b.Item5 ? new Price(b.Item1) : default,
                HighPrice = b.Item4 ? new Price(b.Item2) : default,
                LowPrice = b.Item4 ? new Price(b.Item3) : default,
                HasClose = b.Item5, // false: a row from an input without a close column (written empty)
                HasHighLow = b.Item4, // false: a row from an 8-column aggregated.csv (Hi/Low written empty)
            });

        rows.Sample(row =>
        {
            var line = new Utf8LineBuffer(64);
            AggregatedCsvWriter.Format(line, in row);
            string text = Encoding.UTF8.GetString(line.Written);
            using var reader = new AggregatedCsvReader(
                new LineReader(new MemoryStream([.. AggregatedCsvWriter.Header, .. line.Written])), row.Symbol, row.IntervalMs);
            var slot = default(EngineEvent);
            Assert.True(reader.TryReadNext(ref slot), $"{text.TrimEnd()} refused: {reader.Stats.LastFailure}");
            Assert.Equal(row, slot.Row);
            Assert.False(reader.TryReadNext(ref slot));
        }, iter: 5_000, threads: 1, print: r => $"{r.StartMs} {r.Trades} {r.TotalQty.E8} {r.AvgPrice:R} close={r.HasClose} hl={r.HasHighLow}");
    }

    [Fact]
    public void Recording_ReadOfWrittenTrades_IsTheTrades()
    {
        // Any trade the reader accepts: a positive price and quantity (format v2 refuses any other record as corrupt).
        Gen<Trade> trade =
            Gen.Select(Gen.Int[0, 2], Gen.Long, Gen.Long, Gen.Long, Gen.Long[1, long.MaxValue], Gen.Long[1, long.MaxValue], Gen.Long)
            .Select(Gen.Select(Gen.Long, Gen.Bool, Gen.Bool, Gen.Int[0, 3]), (a, b) => new Trade
            {
                Symbol = new SymbolId(a.Item1),
                Id = a.Item2,
                FirstTradeId = a.Item3,
                LastTradeId = a.Item4,
                Price = new Price(a.Item5),
                Quantity = new Quantity(a.Item6),
                TradeTimeMs = a.Item7,
                EventTimeMs = b.Item1,
                BuyerIsMaker = b.Item2,
                IsAggregate = b.Item3,
                Type = (TradeType)b.Item4,
            });

        trade.Array[0, 10_000].Sample(trades =>
        {
            string[] symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];
            using var stream = new MemoryStream();
            var writer = new RecordingWriter(stream, symbols);
            foreach (Trade t in trades)
            {
                writer.Write(in t);
            }

            writer.Flush();
            stream.Position = 0;
            using var reader = new RecordingReader(stream);
            Assert.Equal(symbols, reader.Symbols);
            SymbolId[] identity = [new(0), new(1), new(2)];
            var slot = default(EngineEvent);
            foreach (Trade expected in trades)
            {
                Assert.True(reader.TryReadNext(ref slot, identity));
                Assert.Equal(EventKind.Trade, slot.Kind);
                Assert.Equal(expected, slot.Trade);
            }

            Assert.False(reader.TryReadNext(ref slot, identity));
        }, iter: 100, threads: 1, print: t => $"{t.Length} trades");
    }
}
