using Engine.Model;

namespace Engine.Binance.Json;

/// <summary>The raw fields of one trade frame as they were met, in any order; validated and written out at the end.</summary>
internal ref struct TradeFields
{
    public const int HasEventType = 1 << 0;
    public const int HasEventTime = 1 << 1;
    public const int HasTradeTime = 1 << 2;
    public const int HasAggId = 1 << 3;
    public const int HasTradeId = 1 << 4;
    public const int HasFirst = 1 << 5;
    public const int HasLast = 1 << 6;
    public const int HasMaker = 1 << 7;
    public const int HasSymbol = 1 << 8;
    public const int HasPrice = 1 << 9;
    public const int HasQuantity = 1 << 10;
    public const int HasType = 1 << 11;

    private const int Common = HasEventTime | HasTradeTime | HasMaker | HasSymbol | HasPrice | HasQuantity;
    private const int RequiredAggregate = Common | HasAggId | HasFirst | HasLast;
    private const int RequiredTrade = Common | HasTradeId;
    private const int RequiredMark = HasEventTime | HasSymbol | HasPrice;

    public int Seen;

    /// <summary>The first fault met in a field before the event type was known; reported only for trades.</summary>
    public FrameParseResult Deferred;
    public bool IsAggregate;

    /// <summary>The event is a <c>markPriceUpdate</c>: only E, s and p are read (its T is the next funding time).</summary>
    public bool IsMark;
    public bool BuyerIsMaker;
    public long EventTimeMs;
    public long TradeTimeMs;
    public long AggId;
    public long TradeId;
    public long FirstTradeId;
    public long LastTradeId;
    public ReadOnlySpan<byte> EventType;
    public ReadOnlySpan<byte> Symbol;
    public ReadOnlySpan<byte> Price;
    public ReadOnlySpan<byte> Quantity;
    public ReadOnlySpan<byte> TradeType;

    public readonly FrameParseResult TryWrite(SymbolRegistry symbols, ref EngineEvent slot)
    {
        if ((Seen & HasEventType) == 0)
        {
            return FrameParseResult.SkippedNoEventType;
        }

        if (Deferred != FrameParseResult.Trade)
        {
            return Deferred;
        }

        if (IsMark)
        {
            return TryWriteMark(symbols, ref slot);
        }

        int required = IsAggregate ? RequiredAggregate : RequiredTrade;
        if ((Seen & required) != required)
        {
            return FrameParseResult.MissingField;
        }

        if (!FixedPoint.TryParse(Price, out long priceE8) || priceE8 <= 0)
        {
            return FrameParseResult.BadPrice;
        }

        if (!FixedPoint.TryParse(Quantity, out long quantityE8) || quantityE8 <= 0)
        {
            return FrameParseResult.BadQuantity;
        }

        if (!symbols.TryGet(Symbol, out SymbolId symbol))
        {
            return FrameParseResult.UnknownSymbol;
        }

        slot.Kind = EventKind.Trade;
        ref Trade t = ref slot.Trade;
        t.Symbol = symbol;
        t.IsAggregate = IsAggregate;
        if (IsAggregate)
        {
            t.Id = AggId;
            t.FirstTradeId = FirstTradeId;
            t.LastTradeId = LastTradeId;
        }
        else
        {
            t.Id = TradeId;
            t.FirstTradeId = TradeId;
            t.LastTradeId = TradeId;
        }

        t.Price = new Price(priceE8);
        t.Quantity = new Quantity(quantityE8);
        t.TradeTimeMs = TradeTimeMs;
        t.EventTimeMs = EventTimeMs;
        t.BuyerIsMaker = BuyerIsMaker;
        t.Type = (Seen & HasType) == 0 ? Model.TradeType.Market : TradeTypeText.Parse(TradeType);
        return FrameParseResult.Trade;
    }

    private readonly FrameParseResult TryWriteMark(SymbolRegistry symbols, ref EngineEvent slot)
    {
        if ((Seen & RequiredMark) != RequiredMark)
        {
            return FrameParseResult.MissingField;
        }

        if (!FixedPoint.TryParse(Price, out long priceE8) || priceE8 <= 0)
        {
            return FrameParseResult.BadPrice;
        }

        if (!symbols.TryGet(Symbol, out SymbolId symbol))
        {
            return FrameParseResult.UnknownSymbol;
        }

        slot.Kind = EventKind.MarkPrice;
        ref MarkPrice m = ref slot.Mark;
        m.Symbol = symbol;
        m.Price = new Price(priceE8);
        m.EventTimeMs = EventTimeMs;
        return FrameParseResult.MarkPrice;
    }
}
