namespace Engine.Model;

/// <summary>
/// A command to a venue, written by the OMS to the output ring: submit a new order, or cancel the order named by
/// <see cref="ClientId"/>. Prices and quantities are already on the symbol's tick and lot grid.
/// </summary>
public readonly struct OrderRequest
{
    public OrderRequest(
        OrderCommand command,
        ClientOrderId clientId,
        OrderId venueId,
        SymbolId symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        Price price,
        Price stopPrice,
        Quantity quantity,
        bool reduceOnly,
        long timeMs)
    {
        Command = command;
        ClientId = clientId;
        VenueId = venueId;
        Symbol = symbol;
        Side = side;
        Type = type;
        TimeInForce = timeInForce;
        Price = price;
        StopPrice = stopPrice;
        Quantity = quantity;
        ReduceOnly = reduceOnly;
        TimeMs = timeMs;
    }

    public OrderCommand Command { get; }

    /// <summary>The new order's id (Submit), or the id of the order to cancel (Cancel) or to look up (Query).</summary>
    public ClientOrderId ClientId { get; }

    /// <summary>The venue's id when known (Cancel); <see cref="OrderId.None"/> otherwise.</summary>
    public OrderId VenueId { get; }

    public SymbolId Symbol { get; }
    public Side Side { get; }
    public OrderType Type { get; }
    public TimeInForce TimeInForce { get; }

    /// <summary>Limit price; zero for market and stop-market orders.</summary>
    public Price Price { get; }

    /// <summary>Trigger price of stop and take-profit-market orders; zero otherwise.</summary>
    public Price StopPrice { get; }

    public Quantity Quantity { get; }
    public bool ReduceOnly { get; }

    /// <summary>Event time at which the engine decided, Unix epoch ms UTC.</summary>
    public long TimeMs { get; }

    /// <summary>A status query of the order; <paramref name="type"/> is the order's own (stops and take-profits live in the Algo Service).</summary>
    public static OrderRequest QueryOf(ClientOrderId clientId, OrderId venueId, SymbolId symbol, OrderType type, long timeMs) =>
        new(OrderCommand.Query, clientId, venueId, symbol, default, type, TimeInForce.None, default, default, default, false, timeMs);

    /// <summary>
    /// A cancel of the order; <paramref name="type"/> is the order's own, so the gateway knows where it lives (a stop
    /// placed before a restart is in the Algo Service, and nothing of the earlier process remembers it).
    /// </summary>
    public static OrderRequest CancelOf(ClientOrderId clientId, OrderId venueId, SymbolId symbol, OrderType type, long timeMs) =>
        new(OrderCommand.Cancel, clientId, venueId, symbol, default, type, TimeInForce.None, default, default, default, false, timeMs);
}
