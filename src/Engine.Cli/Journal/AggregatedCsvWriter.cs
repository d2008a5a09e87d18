using Engine.Model;

namespace Engine.Cli.Journal;

/// <summary>
/// Appends rows to <c>aggregated.csv</c> in the engine's format (contracts §1), header once when the file is new:
/// <code>
/// Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice,HiPrice,LowPrice
/// 2024-08-08T23:54:00Z,412,88.1,0.2138349514563107,64.69,23.41,61712.4,61715.2,61730.0,61700.1
/// </code>
/// Timestamp = interval START in UTC ISO 8601; quantities and Close/Hi/Low are the exact fixed-point decimals
/// (no trailing zeros, no exponent); AvgSize = TotalQty / Trades (0.0 for an empty interval) and AvgPrice are doubles
/// written as Python's float repr, i.e. the shortest text that parses back to the same double. A row read from a file
/// without ClosePrice or Hi/Low columns leaves those fields empty. One write per row, flushed per row.
/// </summary>
public sealed class AggregatedCsvWriter : IDisposable
{
    public static ReadOnlySpan<byte> Header => "Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice,HiPrice,LowPrice\n"u8;

    private readonly AppendOnlyJournalFile _file;
    private readonly Utf8LineBuffer _line = new(256);

    public AggregatedCsvWriter(string path, bool flushToDisk = false, int batchBytes = 0)
    {
        _file = new AppendOnlyJournalFile(path, flushToDisk, batchBytes);
        if (_file.WasEmpty)
        {
            _file.AppendLine(Header);
        }
    }

    public AppendOnlyJournalFile File => _file;

    public void Write(in AggregatedRow row)
    {
        Format(_line, in row);
        _file.AppendLine(_line.Written);
    }

    /// <summary>Formats one row (with its '\n') into <paramref name="line"/>, replacing what it held.</summary>
    public static void Format(Utf8LineBuffer line, in AggregatedRow row)
    {
        ArgumentNullException.ThrowIfNull(line);
        line.Clear();
        line.AppendIsoTimestamp(row.StartMs);
        line.Append((byte)',');
        line.Append(row.Trades);
        line.Append((byte)',');
        line.AppendFixedPoint(row.TotalQty.E8);
        line.Append((byte)',');
        line.AppendPythonFloat(row.Trades == 0 ? 0.0 : (double)row.TotalQty.E8 / FixedPoint.Scale / row.Trades);
        line.Append((byte)',');
        line.AppendFixedPoint(row.BuyQty.E8);
        line.Append((byte)',');
        line.AppendFixedPoint(row.SellQty.E8);
        line.Append((byte)',');
        line.AppendPythonFloat(row.AvgPrice);
        line.Append((byte)',');
        if (row.HasClose)
        {
            line.AppendFixedPoint(row.ClosePrice.E8);
        }

        line.Append((byte)',');
        if (row.HasHighLow)
        {
            line.AppendFixedPoint(row.HighPrice.E8);
        }

        line.Append((byte)',');
        if (row.HasHighLow)
        {
            line.AppendFixedPoint(row.LowPrice.E8);
        }

        line.Append((byte)'\n');
    }

    /// <summary>Writes the batched lines, if the file batches them.</summary>
    public void Flush() => _file.Flush();

    public void Dispose() => _file.Dispose();
}
