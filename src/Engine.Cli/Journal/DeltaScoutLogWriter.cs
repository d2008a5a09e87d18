using Engine.Model;

namespace Engine.Cli.Journal;

/// <summary>
/// Writes PEAK events to <c>deltascout.log</c> (contracts §2): one JSON object per line, keys in the contract's
/// order, byte-identical to Python's <c>json.dumps</c> of the original's dict:
/// <code>{"ts":"2024-08-08T23:58:00Z","source":"DeltaScout","action":"PEAK","kind":"long","price":61712.4,"delta":41.27,"vol":88.1,"imb":0.601,"vwap":61690,"poc":61700}</code>
/// ts = the row's interval start; price = AvgPrice as Python's float repr; delta/vol/imb are the detector's
/// Python-rounded floats (repr again: <c>88.0</c>, <c>1e-05</c>); vwap/poc integers or <c>null</c> (NaN).
/// Separators are compact as in the contract's example; <c>pythonDefaultSeparators</c> gives json.dumps' default
/// <c>", "</c> and <c>": "</c> instead. Append-only, one write per line, flushed per event.
/// </summary>
public sealed class DeltaScoutLogWriter : IDisposable
{
    private readonly AppendOnlyJournalFile _file;
    private readonly Utf8LineBuffer _line = new();
    private readonly bool _spaced;

    public DeltaScoutLogWriter(string path, bool pythonDefaultSeparators = false, bool flushToDisk = false, int batchBytes = 0)
    {
        _file = new AppendOnlyJournalFile(path, flushToDisk, batchBytes);
        _spaced = pythonDefaultSeparators;
    }

    public AppendOnlyJournalFile File => _file;

    /// <summary>Appends the PEAK of the row that started at <paramref name="rowStartMs"/>.</summary>
    public void WritePeak(long rowStartMs, in TradeSignal peak)
    {
        Format(_line, rowStartMs, in peak, _spaced);
        _file.AppendLine(_line.Written);
    }

    /// <summary>Formats one line (with its '\n') into <paramref name="line"/>, replacing what it held.</summary>
    public static void Format(Utf8LineBuffer line, long rowStartMs, in TradeSignal peak, bool pythonDefaultSeparators = false)
    {
        ArgumentNullException.ThrowIfNull(line);
        ReadOnlySpan<byte> colon = pythonDefaultSeparators ? ": "u8 : ":"u8;
        ReadOnlySpan<byte> comma = pythonDefaultSeparators ? ", "u8 : ","u8;
        line.Clear();
        line.Append("{\"ts\""u8);
        line.Append(colon);
        line.Append((byte)'"');
        line.AppendIsoTimestamp(rowStartMs);
        line.Append((byte)'"');
        Key(line, comma, "\"source\""u8, colon);
        line.Append(peak.Source == SignalSource.VolumeBar ? "\"VolumeBar\""u8 : "\"DeltaScout\""u8);
        Key(line, comma, "\"action\""u8, colon);
        line.Append("\"PEAK\""u8);
        Key(line, comma, "\"kind\""u8, colon);
        line.Append(peak.Direction == SignalDirection.Short ? "\"short\""u8 : "\"long\""u8);
        Key(line, comma, "\"price\""u8, colon);
        line.AppendPythonFloat(peak.Price);
        Key(line, comma, "\"delta\""u8, colon);
        line.AppendPythonFloat(peak.Delta);
        Key(line, comma, "\"vol\""u8, colon);
        line.AppendPythonFloat(peak.Volume);
        Key(line, comma, "\"imb\""u8, colon);
        line.AppendPythonFloat(peak.Imbalance);
        Key(line, comma, "\"vwap\""u8, colon);
        WholeOrNull(line, peak.Vwap);
        Key(line, comma, "\"poc\""u8, colon);
        WholeOrNull(line, peak.Poc);
        line.Append("}\n"u8);
    }

    /// <summary>Writes the batched lines, if the file batches them.</summary>
    public void Flush() => _file.Flush();

    public void Dispose() => _file.Dispose();

    private static void Key(Utf8LineBuffer line, ReadOnlySpan<byte> comma, ReadOnlySpan<byte> key, ReadOnlySpan<byte> colon)
    {
        line.Append(comma);
        line.Append(key);
        line.Append(colon);
    }

    private static void WholeOrNull(Utf8LineBuffer line, double value)
    {
        if (double.IsFinite(value))
        {
            line.Append((long)value);
        }
        else
        {
            line.Append("null"u8);
        }
    }
}
