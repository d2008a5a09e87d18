using Engine.Binance.Json;
using Engine.Binance.Sources;
using Engine.Model;

namespace Engine.Binance.Archives;

/// <summary>
/// Reads trade and aggTrade CSVs (data.binance.vision archives and the derived capture CSVs; .csv, .csv.gz, .zip)
/// into <see cref="EventKind.Trade"/> events. The layout comes from the header, or for headerless spot archives from
/// the column count and <see cref="TradeCsvKind"/>. Times in µs are normalised to ms. Files without a symbol column
/// use the symbol given at construction. A first line that fits no known layout (an unknown header, a headerless
/// file of unknown kind) is counted as <see cref="LineFailure.UnknownLayout"/> and ends the input. No allocation per
/// line after the first buffer fill.
/// </summary>
public sealed class TradeCsvReader : IEventSource
{
    private const int MaxColumns = 16;

    private readonly LineReader _lines;
    private readonly SymbolRegistry _symbols;
    private readonly SymbolId _fileSymbol;
    private readonly TradeCsvKind _kind;
    private readonly int[] _starts = new int[MaxColumns + 1];
    private TradeCsvLayout? _layout;
    private bool _unreadable;

    public TradeCsvReader(LineReader lines, SymbolRegistry symbols, SymbolId fileSymbol, TradeCsvKind kind)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(symbols);
        _lines = lines;
        _symbols = symbols;
        _fileSymbol = fileSymbol;
        _kind = kind;
    }

    public SourceStats Stats { get; } = new();

    /// <summary>The layout, known after the first line was read.</summary>
    public TradeCsvLayout? Layout => _layout;

    /// <summary>
    /// Opens a file. Without an explicit symbol, a data.binance.vision name (<c>BTCUSDT-aggTrades-2024-08-08.zip</c>)
    /// names it when registered; files with a symbol column need none.
    /// </summary>
    public static TradeCsvReader Open(string path, SymbolRegistry symbols, SymbolId? symbol = null, TradeCsvKind kind = TradeCsvKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        string name = Path.GetFileName(path);
        if (kind == TradeCsvKind.Auto && name.Contains("aggTrades", StringComparison.OrdinalIgnoreCase))
        {
            kind = TradeCsvKind.AggTrades;
        }

        SymbolId id = symbol ?? SymbolId.None;
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        if (symbol is null && dash > 0 && symbols.TryGet(name.AsSpan(0, dash), out SymbolId fromName))
        {
            id = fromName;
        }

        return new TradeCsvReader(LineReader.Open(path), symbols, id, kind);
    }

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

            if (line.IsEmpty)
            {
                Stats.Skipped++;
                continue;
            }

            if (_layout is null)
            {
                if (_unreadable)
                {
                    return false;
                }

                LayoutLine kind = DetectLayout(line);
                if (kind == LayoutLine.Unknown)
                {
                    _unreadable = true;
                    Stats.Fail(LineFailure.UnknownLayout, _lines.LineNumber);
                    return false;
                }

                if (kind == LayoutLine.Header)
                {
                    Stats.Skipped++;
                    continue;
                }
            }

            LineFailure failure = TryReadLine(line, ref slot);
            if (failure == LineFailure.None)
            {
                Stats.Events++;
                return true;
            }

            Stats.Fail(failure, _lines.LineNumber);
        }

        return false;
    }

    /// <summary>
    /// Reads up to the first non-empty line and says whether it fits a known layout (a header, or data of the kind
    /// given). The input detector's check before a run; the reader is spent afterwards.
    /// </summary>
    public bool TryDetectLayout()
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong))
        {
            if (tooLong)
            {
                return false;
            }

            if (!line.IsEmpty)
            {
                return DetectLayout(line) != LayoutLine.Unknown;
            }
        }

        return false;
    }

    public void Dispose() => _lines.Dispose();

    private enum LayoutLine
    {
        Unknown,
        Header,
        Data,
    }

    private LayoutLine DetectLayout(ReadOnlySpan<byte> first)
    {
        try
        {
            if ((uint)(first[0] - '0') > 9)
            {
                _layout = TradeCsvLayout.FromHeader(first);
                return LayoutLine.Header;
            }

            if (_kind == TradeCsvKind.Auto)
            {
                return LayoutLine.Unknown; // headerless, and nothing says whether it holds trades or aggTrades
            }

            _layout = TradeCsvLayout.Headerless(_kind == TradeCsvKind.AggTrades, CsvColumns.Split(first, _starts));
            return LayoutLine.Data;
        }
        catch (InvalidDataException)
        {
            return LayoutLine.Unknown;
        }
    }

    private LineFailure TryReadLine(ReadOnlySpan<byte> line, ref EngineEvent slot)
    {
        TradeCsvLayout layout = _layout!;
        int columns = CsvColumns.Split(line, _starts);
        if (columns != layout.Columns)
        {
            return LineFailure.ColumnCount;
        }

        ReadOnlySpan<int> starts = _starts;
        SymbolId symbol = _fileSymbol;
        if (layout.Symbol >= 0 && !_symbols.TryGet(CsvColumns.Column(line, starts, layout.Symbol), out symbol))
        {
            return LineFailure.UnknownSymbol;
        }

        if (symbol == SymbolId.None)
        {
            return LineFailure.UnknownSymbol;
        }

        if (!CsvValues.TryParseLong(CsvColumns.Column(line, starts, layout.Id), out long id))
        {
            return LineFailure.BadId;
        }

        long first = id;
        long last = id;
        if (layout.IsAggregate
            && (!CsvValues.TryParseLong(CsvColumns.Column(line, starts, layout.FirstTradeId), out first)
                || !CsvValues.TryParseLong(CsvColumns.Column(line, starts, layout.LastTradeId), out last)))
        {
            return LineFailure.BadId;
        }

        if (!FixedPoint.TryParse(CsvColumns.Column(line, starts, layout.Price), out long price) || price <= 0)
        {
            return LineFailure.BadPrice;
        }

        if (!FixedPoint.TryParse(CsvColumns.Column(line, starts, layout.Quantity), out long quantity) || quantity <= 0)
        {
            return LineFailure.BadQuantity;
        }

        if (!CsvValues.TryParseEpochMs(CsvColumns.Column(line, starts, layout.Time), out long timeMs))
        {
            return LineFailure.BadTime;
        }

        long eventMs = timeMs;
        if (layout.EventTime >= 0 && !CsvValues.TryParseEpochMs(CsvColumns.Column(line, starts, layout.EventTime), out eventMs))
        {
            return LineFailure.BadTime;
        }

        if (!CsvValues.TryParseBool(CsvColumns.Column(line, starts, layout.BuyerIsMaker), out bool buyerIsMaker))
        {
            return LineFailure.BadBoolean;
        }

        TradeType type = TradeType.Market;
        if (layout.TradeType >= 0)
        {
            ReadOnlySpan<byte> text = CsvColumns.Column(line, starts, layout.TradeType);
            type = text.IsEmpty ? TradeType.Market : TradeTypeText.Parse(text);
        }

        slot.Kind = EventKind.Trade;
        ref Trade t = ref slot.Trade;
        t.Symbol = symbol;
        t.Id = id;
        t.FirstTradeId = first;
        t.LastTradeId = last;
        t.Price = new Price(price);
        t.Quantity = new Quantity(quantity);
        t.TradeTimeMs = timeMs;
        t.EventTimeMs = eventMs;
        t.BuyerIsMaker = buyerIsMaker;
        t.Type = type;
        t.IsAggregate = layout.IsAggregate;
        return LineFailure.None;
    }
}
