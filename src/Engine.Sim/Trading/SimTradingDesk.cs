using System.Security.Cryptography;
using Engine.Model;
using Engine.Oms.Paper;

namespace Engine.Sim.Trading;

/// <summary>
/// The sim's trading desk: order operations on an authenticated account and a parameter list (name → string, as
/// parsed from REST or WS API <c>params</c>), answering Binance's JSON or a Binance error. REST and the WS API both
/// call it: one implementation. Orders match against the tape (<see cref="OnTrade"/>) with the paper venue's
/// <see cref="FillRules"/>; one-way position mode; fees maker 0.02 %, taker 0.05 % (VIP 0) in USDT; leverage 20× per
/// symbol by default (<c>/fapi/v1/leverage</c>); the margin check holds |position after| × price / leverage against
/// the wallet plus unrealised PnL less the margin of the account's other positions. Every state change is published
/// as the user events Binance sends. One lock guards all state.
/// </summary>
public sealed partial class SimTradingDesk
{
    public const int DefaultLeverage = 20;
    public const decimal MakerFeeRate = 0.0002m;
    public const decimal TakerFeeRate = 0.0005m;
    private const long MakerRateE8 = 20_000;
    private const long TakerRateE8 = 50_000;

    private readonly SimExchange _exchange;
    private readonly Lock _gate = new();
    private readonly DeskSymbol[] _symbols;
    private readonly Dictionary<string, DeskSymbol> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeskAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DeskOrder> _orders = [];
    private readonly List<DeskOrder>[] _resting;
    private long _nextOrderId = 8_000_000_000;
    private long _nextTradeId = 500_000_000;

    internal SimTradingDesk(SimExchange exchange, SimAccounts accounts, DeskSymbol[] symbols)
    {
        _exchange = exchange;
        _symbols = symbols;
        _resting = new List<DeskOrder>[symbols.Length];
        for (int i = 0; i < symbols.Length; i++)
        {
            _byName[symbols[i].Name] = symbols[i];
            _resting[i] = [];
        }

        foreach (SimAccount a in accounts.All)
        {
            _accounts[a.ApiKey] = new DeskAccount(a, a.Balances.TryGetValue("USDT", out decimal usdt) ? usdt : 0m);
        }
    }

    public long OrdersAccepted { get; private set; }
    public long OrdersRejected { get; private set; }
    public long OrdersCanceled { get; private set; }
    public long Fills { get; private set; }

    internal IReadOnlyList<DeskSymbol> Symbols => _symbols;

    /// <summary>POST /fapi/v1/order, WS API order.place: LIMIT and MARKET (conditional types: -4120, use the Algo Service).</summary>
    public DeskResult PlaceOrder(SimAccount account, DeskParams p)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(p);
        lock (_gate)
        {
            SimError? e = ParseNew(account, p, out DeskOrder? o, out bool result);
            if (e is not null)
            {
                OrdersRejected++;
                return e;
            }

            Accept(o!);
            return DeskResult.Ok(DeskJson.Write(w => DeskJson.Order(w, o!, OrderShape.Placed)));
        }
    }

    /// <summary>DELETE /fapi/v1/order, WS API order.cancel: by orderId or origClientOrderId; -2011 when not open.</summary>
    public DeskResult CancelOrder(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = Find(account, p, out DeskOrder? o, notFound: SimError.BadRequest(-2011, "Unknown order sent."));
            if (e is not null)
            {
                return e;
            }

            if (!o!.IsOpen)
            {
                return SimError.BadRequest(-2011, "Unknown order sent.");
            }

            Finish(o, "CANCELED");
            return DeskResult.Ok(DeskJson.Write(w => DeskJson.Order(w, o, OrderShape.Canceled)));
        }
    }

    /// <summary>GET /fapi/v1/order, WS API order.status.</summary>
    public DeskResult QueryOrder(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = Find(account, p, out DeskOrder? o, notFound: SimError.BadRequest(-2013, "Order does not exist."));
            return e ?? DeskResult.Ok(DeskJson.Write(w => DeskJson.Order(w, o!, OrderShape.Query)));
        }
    }

    /// <summary>PUT /fapi/v1/order, WS API order.modify: a resting LIMIT order's price and quantity (AMENDMENT).</summary>
    public DeskResult ModifyOrder(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(
                Find(account, p, out DeskOrder? o, notFound: SimError.BadRequest(-2013, "Order does not exist.")),
                p.Side(out Side side), p.Decimal("quantity", true, out long qty), p.Decimal("price", true, out long price));
            if (e is not null)
            {
                return e;
            }

            if (!o!.IsOpen || o.Type != OrderType.Limit)
            {
                return SimError.BadRequest(-2011, "Unknown order sent.");
            }

            if (side != o.Side)
            {
                return SimError.IllegalValue("side");
            }

            var request = new OrderRequest(OrderCommand.Submit, default, default, o.Symbol.Id, side, OrderType.Limit, o.TimeInForce, new Price(price), default, new Quantity(qty), o.ReduceOnly, 0);
            BinanceErrorCode code = FillRules.Validate(in request, o.Symbol.Filters, View(o.Owner, o.Symbol), o.Symbol.Last, default);
            if (code != BinanceErrorCode.None && code != BinanceErrorCode.MarginNotSufficient)
            {
                return DeskErrors.Of(code, o.Symbol);
            }

            if (qty <= o.Filled.E8)
            {
                return SimError.BadRequest(-4028, "Quantity less than or equal to the filled quantity.");
            }

            o.Price = new Price(price);
            o.OrigQty = new Quantity(qty);
            o.TakerOnFill = FillRules.WouldTake(o.Side, o.Price, o.Symbol.Last);
            o.UpdateTimeMs = Now;
            PublishOrderUpdate(o, "AMENDMENT", default);
            return DeskResult.Ok(DeskJson.Write(w => DeskJson.Order(w, o, OrderShape.Placed)));
        }
    }

    /// <summary>GET /fapi/v1/openOrders: the account's open orders, of one symbol when given.</summary>
    public DeskResult OpenOrders(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            DeskAccount a = AccountOf(account);
            DeskSymbol? only = null;
            if (p.Has("symbol") && !_byName.TryGetValue(p["symbol"]!, out only))
            {
                return BadSymbol;
            }

            var open = a.OpenByClientId.Values.Where(o => only is null || o.Symbol == only).OrderBy(o => o.OrderId).ToList();
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (DeskOrder o in open)
                {
                    DeskJson.Order(w, o, OrderShape.Query);
                }

                w.WriteEndArray();
            }));
        }
    }

    /// <summary>DELETE /fapi/v1/allOpenOrders: cancels the symbol's open orders.</summary>
    public DeskResult CancelAllOpenOrders(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = SymbolOf(p, out DeskSymbol? s);
            if (e is not null)
            {
                return e;
            }

            foreach (DeskOrder o in AccountOf(account).OpenByClientId.Values.Where(o => o.Symbol == s).ToList())
            {
                Finish(o, "CANCELED");
            }

            return DeskResult.Ok(CancelAllDone.ToArray());
        }
    }

    /// <summary>Binance's answer to a cancel-all (orders or conditional orders).</summary>
    private static ReadOnlySpan<byte> CancelAllDone => "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}"u8;

    private static readonly SimError BadSymbol = SimError.BadRequest(-1121, "Invalid symbol.");

    internal long Now => _exchange.ServerTimeMs;

    private DeskAccount AccountOf(SimAccount account) => _accounts[account.ApiKey];

    private SimError? SymbolOf(DeskParams p, out DeskSymbol? symbol)
    {
        symbol = null;
        SimError? e = p.Required("symbol", out string name);
        return e ?? (_byName.TryGetValue(name, out symbol) ? null : BadSymbol);
    }

    private SimError? Find(SimAccount account, DeskParams p, out DeskOrder? order, SimError notFound)
    {
        order = null;
        SimError? e = DeskParams.First(SymbolOf(p, out DeskSymbol? s), p.Long("orderId", false, out long id));
        if (e is not null)
        {
            return e;
        }

        string? client = p["origClientOrderId"];
        if (id == 0 && string.IsNullOrEmpty(client))
        {
            return SimError.BadRequest(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }

        DeskAccount a = AccountOf(account);
        if (id != 0)
        {
            _orders.TryGetValue(id, out order);
        }
        else if (!a.OpenByClientId.TryGetValue(client!, out order))
        {
            order = _orders.Values.LastOrDefault(o => o.Owner == a && o.ClientOrderId == client);
        }

        if (order is null || order.Owner != a || order.Symbol != s)
        {
            order = null;
            return notFound;
        }

        return null;
    }

    private SimError? ParseNew(SimAccount account, DeskParams p, out DeskOrder? order, out bool result)
    {
        order = null;
        result = p["newOrderRespType"] == "RESULT";
        SimError? e = DeskParams.First(SymbolOf(p, out DeskSymbol? s), p.Side(out Side side), p.Required("type", out string typeText));
        if (e is not null)
        {
            return e;
        }

        OrderType type;
        switch (typeText)
        {
            case "LIMIT": type = OrderType.Limit; break;
            case "MARKET": type = OrderType.Market; break;
            case "STOP" or "STOP_MARKET" or "TAKE_PROFIT" or "TAKE_PROFIT_MARKET" or "TRAILING_STOP_MARKET":
                return SimError.BadRequest(-4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
            default: return SimError.BadRequest(-1116, "Invalid orderType.");
        }

        if (AccountOf(account).DualSidePosition)
        {
            return PositionSideMismatch;
        }

        bool limit = type == OrderType.Limit;
        e = DeskParams.First(
            p.TimeInForce(limit, out TimeInForce tif), p.Decimal("quantity", true, out long qty), p.Decimal("price", limit, out long price),
            p.Bool("reduceOnly", out bool reduceOnly), p.Bool("priceProtect", out bool protect));
        if (e is not null)
        {
            return e;
        }

        if (!limit && p.Has("price"))
        {
            return SimError.BadRequest(-1106, "Parameter 'price' sent when not required.");
        }

        DeskAccount a = AccountOf(account);
        string client = p["newClientOrderId"] ?? NewClientId();
        if (client.Length > 36)
        {
            return SimError.IllegalValue("newClientOrderId");
        }

        if (a.OpenByClientId.ContainsKey(client))
        {
            return SimError.BadRequest(-4116, "ClientOrderId is duplicated.");
        }

        var request = new OrderRequest(OrderCommand.Submit, default, default, s!.Id, side, type, limit ? tif : TimeInForce.Gtc, new Price(price), default, new Quantity(qty), reduceOnly, 0);
        BinanceErrorCode code = FillRules.Validate(in request, s.Filters, View(a, s), s.Last, default);
        if (code != BinanceErrorCode.None)
        {
            return DeskErrors.Of(code, s);
        }

        long now = Now;
        order = new DeskOrder
        {
            OrderId = ++_nextOrderId,
            ClientOrderId = client,
            Owner = a,
            Symbol = s,
            Side = side,
            Type = type,
            TimeInForce = limit ? tif : TimeInForce.Gtc,
            Price = new Price(price),
            OrigQty = new Quantity(qty),
            ReduceOnly = reduceOnly,
            PriceProtect = protect,
            OrigType = typeText,
            TakerOnFill = limit && FillRules.WouldTake(side, new Price(price), s.Last),
            TimeMs = now,
            UpdateTimeMs = now,
        };
        return null;
    }

    /// <summary>Books an order that passed every check: it rests until prints fill it.</summary>
    private void Accept(DeskOrder o)
    {
        OrdersAccepted++;
        _orders[o.OrderId] = o;
        o.Owner.OpenByClientId[o.ClientOrderId] = o;
        _resting[o.Symbol.Id.Value].Add(o);
        PublishOrderUpdate(o, "NEW", default);
    }

    /// <summary>Ends an open order (CANCELED or EXPIRED) and tells its owner.</summary>
    private void Finish(DeskOrder o, string status)
    {
        o.Status = status;
        o.UpdateTimeMs = Now;
        Release(o);
        if (status == "CANCELED")
        {
            OrdersCanceled++;
        }

        PublishOrderUpdate(o, status, default);
    }

    private void Release(DeskOrder o)
    {
        o.Owner.OpenByClientId.Remove(o.ClientOrderId);
        _resting[o.Symbol.Id.Value].Remove(o);
    }

    private static string NewClientId()
    {
        Span<byte> bytes = stackalloc byte[11];
        RandomNumberGenerator.Fill(bytes);
        return "sim" + Convert.ToHexStringLower(bytes)[..19];
    }
}
