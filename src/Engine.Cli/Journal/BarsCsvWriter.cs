using Engine.Model;

namespace Engine.Cli.Journal;

/// <summary>
/// Appends closed volume bars with the indicators computed on them to <c>bars.csv</c>, header once when the file is new:
/// <code>
/// Start,End,Open,High,Low,Close,Volume,BuyVolume,SellVolume,Delta,Vwap,Trades,EmaFast,EmaSlow,Rsi,BbUpper,BbMiddle,BbLower,Atr
/// 2024-08-08T23:54:16.031Z,2024-08-08T23:54:21.872Z,61712.4,61720,61700.1,61715.2,10,6.5,3.5,3,61710.25,412,61711.5,,,,,,
/// </code>
/// Start/End = first and last trade time of the bar, UTC ISO 8601 with milliseconds; prices and volumes are the exact
/// fixed-point decimals; Vwap and the indicators are the shortest text that parses back to the same double; a cell is
/// EMPTY while its value is NaN (an indicator warming up). One write per bar, flushed per bar, no allocation per line.
/// </summary>
public sealed class BarsCsvWriter : IDisposable
{
    public static ReadOnlySpan<byte> Header =>
        "Start,End,Open,High,Low,Close,Volume,BuyVolume,SellVolume,Delta,Vwap,Trades,EmaFast,EmaSlow,Rsi,BbUpper,BbMiddle,BbLower,Atr\n"u8;

    private readonly AppendOnlyJournalFile _file;
    private readonly Utf8LineBuffer _line = new(512);

    public BarsCsvWriter(string path, bool flushToDisk = false, int batchBytes = 0)
    {
        _file = new AppendOnlyJournalFile(path, flushToDisk, batchBytes);
        if (_file.WasEmpty)
        {
            _file.AppendLine(Header);
        }
    }

    public AppendOnlyJournalFile File => _file;

    public void Write(in VolumeBar bar, in IndicatorValues indicators)
    {
        Format(_line, in bar, in indicators);
        _file.AppendLine(_line.Written);
    }

    /// <summary>Formats one bar (with its '\n') into <paramref name="line"/>, replacing what it held.</summary>
    public static void Format(Utf8LineBuffer line, in VolumeBar bar, in IndicatorValues indicators)
    {
        ArgumentNullException.ThrowIfNull(line);
        line.Clear();
        line.AppendIsoTimestampMilliseconds(bar.FirstTradeTimeMs);
        line.Append((byte)',');
        line.AppendIsoTimestampMilliseconds(bar.LastTradeTimeMs);
        Exact(line, bar.Open.E8);
        Exact(line, bar.High.E8);
        Exact(line, bar.Low.E8);
        Exact(line, bar.Close.E8);
        Exact(line, bar.Volume.E8);
        Exact(line, bar.BuyVolume.E8);
        Exact(line, bar.SellVolume.E8);
        Exact(line, bar.Delta.E8);
        Real(line, bar.Vwap);
        line.Append((byte)',');
        line.Append(bar.Trades);
        Real(line, indicators.EmaFast);
        Real(line, indicators.EmaSlow);
        Real(line, indicators.Rsi);
        Real(line, indicators.BbUpper);
        Real(line, indicators.BbMiddle);
        Real(line, indicators.BbLower);
        Real(line, indicators.Atr);
        line.Append((byte)'\n');
    }

    /// <summary>Writes the batched lines, if the file batches them.</summary>
    public void Flush() => _file.Flush();

    public void Dispose() => _file.Dispose();

    private static void Exact(Utf8LineBuffer line, long e8)
    {
        line.Append((byte)',');
        line.AppendFixedPoint(e8);
    }

    private static void Real(Utf8LineBuffer line, double value)
    {
        line.Append((byte)',');
        if (!double.IsNaN(value))
        {
            line.AppendPythonFloat(value);
        }
    }
}
