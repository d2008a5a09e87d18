using Engine.Binance.Sources;
using Engine.Model;

namespace Engine.Binance.Archives;

/// <summary>
/// Reads <c>aggregated.csv</c> (contracts §1) into <see cref="EventKind.AggregatedRow"/> events, for users who already
/// run an aggregator. Accepts the engine's files (ISO interval start, 10 columns) and the original Aggregator's (interval
/// END as <c>yyyy-MM-dd HH:mm:ss</c>, so start = end − interval; 8 or 10 columns), a UTF-8 BOM, and a header line.
/// Empty ClosePrice, or empty HiPrice and LowPrice, columns (the engine's own output for rows that lack them) give a row
/// without them (<see cref="AggregatedRow.HasClose"/>, <see cref="AggregatedRow.HasHighLow"/> false).
/// Malformed lines are counted in <see cref="Stats"/> with their number and reason, and skipped.
/// </summary>
public sealed class AggregatedCsvReader : IEventSource
{
    private const int MaxColumns = 12;

    private readonly LineReader _lines;
    private readonly SymbolId _symbol;
    private readonly long _intervalMs;
    private readonly int[] _starts = new int[MaxColumns + 1];

    public AggregatedCsvReader(LineReader lines, SymbolId symbol, long intervalMs = 60_000)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1);
        _lines = lines;
        _symbol = symbol;
        _intervalMs = intervalMs;
    }

    public SourceStats Stats { get; } = new();

    public static AggregatedCsvReader Open(string path, SymbolId symbol, long intervalMs = 60_000) =>
        new(LineReader.Open(path), symbol, intervalMs);

    public bool TryReadNext(ref EngineEvent slot)
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong))
        {
            Stats.Lines++;
            if (tooLong)
            {
                Stats.Fail(LineFailure.LineTooLong, _lines.LineNumber);
                continue;
            }

            if (line.IsEmpty || (_lines.LineNumber == 1 && line.StartsWith("Timestamp"u8)))
            {
                Stats.Skipped++;
                continue;
            }

            LineFailure failure = TryReadRow(line, ref slot);
            if (failure == LineFailure.None)
            {
                Stats.Events++;
                return true;
            }

            Stats.Fail(failure, _lines.LineNumber);
        }

        return false;
    }

    public void Dispose() => _lines.Dispose();

    private LineFailure TryReadRow(ReadOnlySpan<byte> line, ref EngineEvent slot)
    {
        int columns = CsvColumns.Split(line, _starts);
        if (columns is not (8 or 10))
        {
            return LineFailure.ColumnCount;
        }

        ReadOnlySpan<int> s = _starts;
        if (!AggregatedTimestamp.TryParse(CsvColumns.Column(line, s, 0), out long ms, out bool isEnd))
        {
            return LineFailure.BadTime;
        }

        if (!CsvValues.TryParseLong(CsvColumns.Column(line, s, 1), out long trades) || trades < 0)
        {
            return LineFailure.BadNumber;
        }

        if (!FixedPoint.TryParse(CsvColumns.Column(line, s, 2), out long total) || total < 0
            || !FixedPoint.TryParse(CsvColumns.Column(line, s, 4), out long buy) || buy < 0
            || !FixedPoint.TryParse(CsvColumns.Column(line, s, 5), out long sell) || sell < 0)
        {
            return LineFailure.BadQuantity;
        }

        if (!CsvValues.TryParseFiniteDouble(CsvColumns.Column(line, s, 3), out _)
            || !CsvValues.TryParseFiniteDouble(CsvColumns.Column(line, s, 6), out double avgPrice))
        {
            return LineFailure.BadNumber;
        }

        // The engine writes ClosePrice, HiPrice and LowPrice empty for a row that has none (one read from an input
        // without those columns): such a row reads back as it was written, without them.
        long close = 0;
        ReadOnlySpan<byte> closeText = CsvColumns.Column(line, s, 7);
        bool hasClose = !closeText.IsEmpty;
        if (hasClose && (!FixedPoint.TryParse(closeText, out close) || close < 0))
        {
            return LineFailure.BadPrice;
        }

        long high = 0;
        long low = 0;
        bool hasHighLow = columns == 10 && !(CsvColumns.Column(line, s, 8).IsEmpty && CsvColumns.Column(line, s, 9).IsEmpty);
        if (hasHighLow
            && (!FixedPoint.TryParse(CsvColumns.Column(line, s, 8), out high) || high < 0
                || !FixedPoint.TryParse(CsvColumns.Column(line, s, 9), out low) || low < 0))
        {
            return LineFailure.BadPrice;
        }

        slot.Kind = EventKind.AggregatedRow;
        ref AggregatedRow row = ref slot.Row;
        row.Symbol = _symbol;
        row.IntervalMs = _intervalMs;
        row.StartMs = isEnd ? ms - _intervalMs : ms;
        row.Trades = trades;
        row.TotalQty = new Quantity(total);
        row.BuyQty = new Quantity(buy);
        row.SellQty = new Quantity(sell);
        row.AvgPrice = avgPrice;
        row.ClosePrice = new Price(close);
        row.HighPrice = new Price(high);
        row.LowPrice = new Price(low);
        row.HasHighLow = hasHighLow;
        row.HasClose = hasClose;
        return LineFailure.None;
    }
}
