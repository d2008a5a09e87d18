using Engine.Model;
using Engine.Sim.Tape;

namespace Engine.Sim.Market;

/// <summary>The market streams the sim plays, per symbol.</summary>
internal enum StreamKind : byte
{
    AggTrade = 0,
    Trade = 1,
    MarkPrice1s = 2,
}

/// <summary>One market frame, serialized once before the tape plays: the raw payload and its combined-stream envelope.</summary>
internal sealed class MarketFrame(byte[] raw, byte[] combined, int symbol, StreamKind kind, int aggIndex, long markE8, long eventTimeMs)
{
    public const int KindCount = 3;

    public byte[] Raw { get; } = raw;

    /// <summary><c>{"stream":"btcusdt@aggTrade","data":…}</c>.</summary>
    public byte[] Combined { get; } = combined;

    public int Symbol { get; } = symbol;

    public StreamKind Kind { get; } = kind;

    /// <summary>Index of the stream this frame belongs to: symbol × <see cref="KindCount"/> + kind.</summary>
    public int Stream => (Symbol * KindCount) + (int)Kind;

    /// <summary>For an aggTrade frame, its index in the symbol's <see cref="FrameStore.Aggregates"/>; else -1.</summary>
    public int AggIndex { get; } = aggIndex;

    /// <summary>For a markPrice frame, the mark price it carries.</summary>
    public long MarkE8 { get; } = markE8;

    public long EventTimeMs { get; } = eventTimeMs;

    public bool IsTradeFrame => Kind is StreamKind.AggTrade or StreamKind.Trade;
}

/// <summary>One aggregate trade, as <c>GET /fapi/v1/aggTrades</c> answers it.</summary>
internal readonly record struct AggRecord(long Id, long PriceE8, long QuantityE8, long FirstId, long LastId, long TimeMs, bool BuyerIsMaker);

/// <summary>One step of the play: at tape time <see cref="TapeMs"/>, the trade (index into the tape, or -1) then its frames.</summary>
internal readonly record struct PlayStep(long TapeMs, int TradeIndex, int FrameStart, int FrameEnd);

/// <summary>
/// Every frame of the tape, built before it plays (<see cref="Build"/>), and the steps that play them in tape order.
/// <list type="bullet">
/// <item>@trade: one frame per tape trade, fields in the order Binance's USD-M stream sends them (recorded 2024):
/// <c>e,E,T,s,t,p,q,X,m</c>.</item>
/// <item>@aggTrade (recorded order <c>e,E,a,s,p,q,f,l,T,m</c>): when the tape holds raw trades, consecutive trades of
/// one symbol with the same price and taker side within one 100 ms window aligned to the epoch form one aggregate
/// (so none spans a second or minute boundary); <c>T</c> is its first trade's time, <c>E</c> its last trade's event
/// time, <c>f</c>/<c>l</c> its first and last trade ids, <c>a</c> numbers aggregates 1, 2, 3… per symbol. Trades that
/// are not MARKET (insurance fund, ADL) stay out of aggregates, as on Binance. The frame goes out right after its last
/// trade's. When the tape holds aggTrades, each is one aggregate as recorded, and its @trade frame carries the whole
/// aggregate as one trade with id <c>l</c>.</item>
/// <item>@markPrice@1s (<c>e,E,s,p,i,P,r,T</c>): at every whole tape second from a symbol's first trade to one second
/// after its last, the last trade price before that second as mark, index and settle price (8 decimals), funding
/// rate 0.0001, next funding time the next 00:00/08:00/16:00 UTC after <c>E</c>.</item>
/// </list>
/// </summary>
internal sealed class FrameStore
{
    public const long FundingIntervalMs = 8 * 3_600_000L;
    private const long AggregateWindowMs = 100;
    private const long MarkEveryMs = 1000;

    private FrameStore(MarketFrame[] frames, PlayStep[] steps, AggRecord[][] aggregates)
    {
        Frames = frames;
        Steps = steps;
        Aggregates = aggregates;
    }

    public MarketFrame[] Frames { get; }

    public PlayStep[] Steps { get; }

    /// <summary>Per symbol, its aggregates in id order (the REST backfill's source).</summary>
    public AggRecord[][] Aggregates { get; }

    public static long NextFundingTimeMs(long eventTimeMs) => ((eventTimeMs / FundingIntervalMs) + 1) * FundingIntervalMs;

    public static FrameStore Build(SimTape tape, IReadOnlyList<MarketSymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ReadOnlySpan<Trade> trades = tape.Trades;
        int[] closesGroup = GroupAggregates(trades, symbols.Count, out int[] groupStart);
        var aggregates = new List<AggRecord>[symbols.Count];
        for (int i = 0; i < aggregates.Length; i++)
        {
            aggregates[i] = [];
        }

        long[] lastTradeMs = new long[symbols.Count];
        Array.Fill(lastTradeMs, long.MinValue);
        for (int i = 0; i < trades.Length; i++)
        {
            lastTradeMs[trades[i].Symbol.Value] = trades[i].TradeTimeMs;
        }

        long[] lastPrice = new long[symbols.Count];
        bool[] seen = new bool[symbols.Count];
        var frames = new List<MarketFrame>(trades.Length * 2);
        var steps = new List<PlayStep>(trades.Length + 1024);
        var w = new FrameWriter();
        long nextMark = trades.Length == 0 ? long.MaxValue : ((trades[0].TradeTimeMs / MarkEveryMs) + 1) * MarkEveryMs;
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly Trade t = ref trades[i];
            while (t.TradeTimeMs >= nextMark)
            {
                AddMarkStep(nextMark, symbols, seen, lastPrice, lastTradeMs, frames, steps, w);
                nextMark += MarkEveryMs;
            }

            int s = t.Symbol.Value;
            MarketSymbol symbol = symbols[s];
            int start = frames.Count;
            frames.Add(TradeFrame(in t, symbol, w));
            if (closesGroup[i] >= 0)
            {
                AggRecord agg = Aggregate(trades, groupStart[i], i, t.IsAggregate ? t.Id : aggregates[s].Count + 1);
                aggregates[s].Add(agg);
                frames.Add(AggFrame(agg, EventTime(trades, groupStart[i], i), symbol, aggregates[s].Count - 1, w));
            }

            steps.Add(new PlayStep(t.TradeTimeMs, i, start, frames.Count));
            seen[s] = true;
            lastPrice[s] = t.Price.E8;
        }

        if (trades.Length > 0)
        {
            AddMarkStep(nextMark, symbols, seen, lastPrice, lastTradeMs, frames, steps, w);
        }

        return new FrameStore([.. frames], [.. steps], [.. aggregates.Select(a => a.ToArray())]);
    }

    /// <summary>
    /// For each trade, the index of the aggregate it closes (≥ 0 when it is the last trade of one, else -1), and in
    /// <paramref name="groupStart"/> the index of that aggregate's first trade.
    /// </summary>
    private static int[] GroupAggregates(ReadOnlySpan<Trade> trades, int symbolCount, out int[] groupStart)
    {
        int[] closes = new int[trades.Length];
        Array.Fill(closes, -1);
        groupStart = new int[trades.Length];
        int[] open = new int[symbolCount]; // per symbol, its open group's last trade index, or -1
        int[] openFirst = new int[symbolCount];
        Array.Fill(open, -1);
        for (int i = 0; i < trades.Length; i++)
        {
            ref readonly Trade t = ref trades[i];
            if (t.Type != TradeType.Market)
            {
                continue;
            }

            int s = t.Symbol.Value;
            int last = open[s];
            bool joins = last >= 0 && !t.IsAggregate
                && trades[last].Price == t.Price
                && trades[last].BuyerIsMaker == t.BuyerIsMaker
                && trades[openFirst[s]].TradeTimeMs / AggregateWindowMs == t.TradeTimeMs / AggregateWindowMs;
            if (!joins)
            {
                if (last >= 0)
                {
                    closes[last] = 0;
                    groupStart[last] = openFirst[s];
                }

                openFirst[s] = i;
            }

            open[s] = i;
        }

        for (int s = 0; s < symbolCount; s++)
        {
            if (open[s] >= 0)
            {
                closes[open[s]] = 0;
                groupStart[open[s]] = openFirst[s];
            }
        }

        return closes;
    }

    private static AggRecord Aggregate(ReadOnlySpan<Trade> trades, int first, int last, long id)
    {
        ref readonly Trade head = ref trades[first];
        if (head.IsAggregate)
        {
            return new AggRecord(head.Id, head.Price.E8, head.Quantity.E8, head.FirstTradeId, head.LastTradeId, head.TradeTimeMs, head.BuyerIsMaker);
        }

        long quantity = 0;
        for (int i = first; i <= last; i++)
        {
            if (trades[i].Symbol == head.Symbol && trades[i].Type == TradeType.Market)
            {
                quantity += trades[i].Quantity.E8;
            }
        }

        return new AggRecord(id, head.Price.E8, quantity, head.Id, trades[last].Id, head.TradeTimeMs, head.BuyerIsMaker);
    }

    private static long EventTime(ReadOnlySpan<Trade> trades, int first, int last)
    {
        long e = 0;
        for (int i = first; i <= last; i++)
        {
            if (trades[i].Symbol == trades[last].Symbol)
            {
                e = Math.Max(e, Math.Max(trades[i].EventTimeMs, trades[i].TradeTimeMs));
            }
        }

        return e;
    }

    private static MarketFrame TradeFrame(in Trade t, MarketSymbol symbol, FrameWriter w)
    {
        long e = Math.Max(t.EventTimeMs, t.TradeTimeMs);
        w.Clear();
        w.Raw("{\"e\":\"trade\",\"E\":"u8).Number(e).Raw(",\"T\":"u8).Number(t.TradeTimeMs)
            .Raw(",\"s\":\"").Raw(symbol.Name).Raw("\",\"t\":"u8).Number(t.IsAggregate ? t.LastTradeId : t.Id)
            .Raw(",\"p\":"u8).Decimal(t.Price.E8, symbol.PriceDecimals)
            .Raw(",\"q\":"u8).Decimal(t.Quantity.E8, symbol.QuantityDecimals)
            .Raw(",\"X\":\"").Raw(TypeText(t.Type)).Raw("\",\"m\":"u8).Bool(t.BuyerIsMaker).Raw("}"u8);
        return Frame(w, symbol, StreamKind.Trade, -1, 0, e);
    }

    private static MarketFrame AggFrame(AggRecord a, long eventTimeMs, MarketSymbol symbol, int aggIndex, FrameWriter w)
    {
        w.Clear();
        w.Raw("{\"e\":\"aggTrade\",\"E\":"u8).Number(eventTimeMs).Raw(",\"a\":"u8).Number(a.Id)
            .Raw(",\"s\":\"").Raw(symbol.Name).Raw("\",\"p\":"u8).Decimal(a.PriceE8, symbol.PriceDecimals)
            .Raw(",\"q\":"u8).Decimal(a.QuantityE8, symbol.QuantityDecimals)
            .Raw(",\"f\":"u8).Number(a.FirstId).Raw(",\"l\":"u8).Number(a.LastId)
            .Raw(",\"T\":"u8).Number(a.TimeMs).Raw(",\"m\":"u8).Bool(a.BuyerIsMaker).Raw("}"u8);
        return Frame(w, symbol, StreamKind.AggTrade, aggIndex, 0, eventTimeMs);
    }

    private static void AddMarkStep(long atMs, IReadOnlyList<MarketSymbol> symbols, bool[] seen, long[] lastPrice, long[] lastTradeMs,
        List<MarketFrame> frames, List<PlayStep> steps, FrameWriter w)
    {
        int start = frames.Count;
        for (int s = 0; s < symbols.Count; s++)
        {
            if (!seen[s] || atMs > lastTradeMs[s] + MarkEveryMs)
            {
                continue;
            }

            w.Clear();
            w.Raw("{\"e\":\"markPriceUpdate\",\"E\":"u8).Number(atMs).Raw(",\"s\":\"").Raw(symbols[s].Name)
                .Raw("\",\"p\":"u8).Decimal(lastPrice[s], 8).Raw(",\"i\":"u8).Decimal(lastPrice[s], 8)
                .Raw(",\"P\":"u8).Decimal(lastPrice[s], 8).Raw(",\"r\":\"0.00010000\",\"T\":"u8)
                .Number(NextFundingTimeMs(atMs)).Raw("}"u8);
            frames.Add(Frame(w, symbols[s], StreamKind.MarkPrice1s, -1, lastPrice[s], atMs));
        }

        if (frames.Count > start)
        {
            steps.Add(new PlayStep(atMs, -1, start, frames.Count));
        }
    }

    private static MarketFrame Frame(FrameWriter w, MarketSymbol symbol, StreamKind kind, int aggIndex, long markE8, long eventTimeMs)
    {
        byte[] raw = w.ToArray();
        w.Clear();
        w.Raw("{\"stream\":\"").Raw(StreamNames.Of(symbol, kind)).Raw("\",\"data\":"u8).Raw(raw).Raw("}"u8);
        return new MarketFrame(raw, w.ToArray(), symbol.Index, kind, aggIndex, markE8, eventTimeMs);
    }

    private static string TypeText(TradeType type) => type switch
    {
        TradeType.InsuranceFund => "INSURANCE_FUND",
        TradeType.Adl => "ADL",
        _ => "MARKET",
    };
}
