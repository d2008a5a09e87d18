using System.Text;

namespace Engine.Binance.Archives;

/// <summary>
/// Which column holds which field in a trade CSV: the data.binance.vision archives (futures with a header, spot
/// without one and with <c>is_best_match</c>) and the repository's derived CSVs. -1 = column absent.
/// </summary>
public sealed record TradeCsvLayout
{
    public bool IsAggregate { get; init; }
    public bool HasHeader { get; init; }
    public int Columns { get; init; }
    public int Symbol { get; init; } = -1;
    public int Id { get; init; } = -1;
    public int Price { get; init; } = -1;
    public int Quantity { get; init; } = -1;
    public int FirstTradeId { get; init; } = -1;
    public int LastTradeId { get; init; } = -1;
    public int Time { get; init; } = -1;
    public int BuyerIsMaker { get; init; } = -1;
    public int EventTime { get; init; } = -1;
    public int TradeType { get; init; } = -1;

    /// <summary>Reads a header line; throws <see cref="InvalidDataException"/> when a required column is missing.</summary>
    public static TradeCsvLayout FromHeader(ReadOnlySpan<byte> header)
    {
        string[] names = Encoding.UTF8.GetString(header).Split(',', StringSplitOptions.TrimEntries);
        int Find(params string[] candidates) =>
            Array.FindIndex(names, n => candidates.Any(c => string.Equals(n, c, StringComparison.OrdinalIgnoreCase)));

        bool aggregate = Find("agg_trade_id") >= 0;
        var layout = new TradeCsvLayout
        {
            IsAggregate = aggregate,
            HasHeader = true,
            Columns = names.Length,
            Symbol = Find("symbol"),
            Id = Find("agg_trade_id", "id", "trade_id"),
            Price = Find("price"),
            Quantity = Find("quantity", "qty"),
            FirstTradeId = Find("first_trade_id"),
            LastTradeId = Find("last_trade_id"),
            Time = Find("transact_time", "time"),
            BuyerIsMaker = Find("is_buyer_maker"),
            EventTime = Find("event_time"),
            TradeType = Find("trade_type"),
        };

        if (layout.Id < 0 || layout.Price < 0 || layout.Quantity < 0 || layout.Time < 0 || layout.BuyerIsMaker < 0
            || (aggregate && (layout.FirstTradeId < 0 || layout.LastTradeId < 0)))
        {
            throw new InvalidDataException($"trade CSV header lacks a required column: '{Encoding.UTF8.GetString(header)}'");
        }

        return layout;
    }

    /// <summary>
    /// The data.binance.vision column order of a headerless file with <paramref name="columns"/> columns:
    /// aggTrades <c>id,price,qty,first,last,time,maker[,best_match]</c>;
    /// trades <c>id,price,qty,quote_qty,time,maker[,best_match]</c>.
    /// </summary>
    public static TradeCsvLayout Headerless(bool aggregate, int columns)
    {
        if (aggregate)
        {
            if (columns is not (7 or 8))
            {
                throw new InvalidDataException($"a headerless aggTrades CSV has 7 or 8 columns, not {columns}");
            }

            return new TradeCsvLayout
            {
                IsAggregate = true, Columns = columns, Id = 0, Price = 1, Quantity = 2, FirstTradeId = 3, LastTradeId = 4, Time = 5, BuyerIsMaker = 6,
            };
        }

        if (columns is not (6 or 7))
        {
            throw new InvalidDataException($"a headerless trades CSV has 6 or 7 columns, not {columns}");
        }

        return new TradeCsvLayout { Columns = columns, Id = 0, Price = 1, Quantity = 2, Time = 4, BuyerIsMaker = 5 };
    }
}
