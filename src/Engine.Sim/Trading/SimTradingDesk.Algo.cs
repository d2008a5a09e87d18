using Engine.Model;
using Engine.Oms.Paper;

namespace Engine.Sim.Trading;

public sealed partial class SimTradingDesk
{
    private readonly Dictionary<long, DeskAlgo> _algos = [];
    private long _nextAlgoId = 3_000_000_000;

    public long AlgoOrdersTriggered { get; private set; }

    /// <summary>
    /// POST /fapi/v1/algoOrder (<c>algoType=CONDITIONAL</c>): STOP_MARKET, TAKE_PROFIT_MARKET, STOP, TAKE_PROFIT with
    /// <c>triggerPrice</c> (and <c>price</c> for the limit kinds), checked with the same rules as an order (-2021 when
    /// the last price already reached the trigger). It waits for a print at or through its trigger, then places its
    /// order (MARKET or LIMIT), which fills by the usual rules.
    /// </summary>
    public DeskResult PlaceAlgoOrder(SimAccount account, DeskParams p)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(p);
        lock (_gate)
        {
            SimError? e = ParseAlgo(account, p, out DeskAlgo? algo);
            if (e is not null)
            {
                OrdersRejected++;
                return e;
            }

            _algos[algo!.AlgoId] = algo;
            algo.Owner.AlgoByClientId[algo.ClientAlgoId] = algo;
            PublishAlgoUpdate(algo);
            return DeskResult.Ok(DeskJson.Write(w => DeskJson.Algo(w, algo, AlgoShape.Placed)));
        }
    }

    /// <summary>DELETE /fapi/v1/algoOrder by algoId or clientAlgoId.</summary>
    public DeskResult CancelAlgoOrder(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = FindAlgo(account, p, out DeskAlgo? algo);
            if (e is not null)
            {
                return e;
            }

            if (!algo!.IsOpen)
            {
                return SimError.BadRequest(-2011, "Unknown order sent.");
            }

            EndAlgo(algo, "CANCELED");
            return DeskResult.Ok(DeskJson.Write(w => DeskJson.Algo(w, algo, AlgoShape.Canceled)));
        }
    }

    /// <summary>GET /fapi/v1/algoOrder.</summary>
    public DeskResult QueryAlgoOrder(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = FindAlgo(account, p, out DeskAlgo? algo);
            return e ?? DeskResult.Ok(DeskJson.Write(w => DeskJson.Algo(w, algo!, AlgoShape.Query)));
        }
    }

    /// <summary>GET /fapi/v1/openAlgoOrders (of one symbol when given).</summary>
    public DeskResult OpenAlgoOrders(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            DeskSymbol? only = null;
            if (p.Has("symbol") && !_byName.TryGetValue(p["symbol"]!, out only))
            {
                return BadSymbol;
            }

            DeskAccount a = AccountOf(account);
            var open = a.AlgoByClientId.Values.Where(x => x.IsOpen && (only is null || x.Symbol == only)).OrderBy(x => x.AlgoId).ToList();
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (DeskAlgo x in open)
                {
                    DeskJson.Algo(w, x, AlgoShape.Query);
                }

                w.WriteEndArray();
            }));
        }
    }

    /// <summary>DELETE /fapi/v1/algoOpenOrders: cancels the symbol's open conditional orders.</summary>
    public DeskResult CancelAllAlgoOrders(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = SymbolOf(p, out DeskSymbol? s);
            if (e is not null)
            {
                return e;
            }

            foreach (DeskAlgo x in AccountOf(account).AlgoByClientId.Values.Where(x => x.IsOpen && x.Symbol == s).ToList())
            {
                EndAlgo(x, "CANCELED");
            }

            return DeskResult.Ok(CancelAllDone.ToArray());
        }
    }

    /// <summary>Triggers every open conditional order of the symbol that this print reaches (FillRules.Triggers), placing its order.</summary>
    private void TriggerAlgos(DeskSymbol symbol, Price print)
    {
        if (_algos.Count == 0)
        {
            return;
        }

        foreach (DeskAlgo algo in _algos.Values.Where(x => x.IsOpen && x.Symbol == symbol).OrderBy(x => x.AlgoId).ToList())
        {
            if (!FillRules.Triggers(algo.TriggerKind, algo.Side, algo.TriggerPrice, print))
            {
                continue;
            }

            long now = Now;
            algo.Status = "TRIGGERING";
            algo.UpdateTimeMs = now;
            algo.TriggerTimeMs = now;
            PublishAlgoUpdate(algo);
            Quantity qty = algo.ClosePosition ? new Quantity(Math.Abs(algo.Owner.Position(symbol).Amount.E8)) : algo.Quantity;
            if (qty.E8 == 0)
            {
                EndAlgo(algo, "EXPIRED"); // close-position with nothing to close
                continue;
            }

            var order = new DeskOrder
            {
                OrderId = ++_nextOrderId,
                ClientOrderId = algo.ClientAlgoId,
                Owner = algo.Owner,
                Symbol = symbol,
                Side = algo.Side,
                Type = algo.IsMarket ? OrderType.Market : OrderType.Limit,
                TimeInForce = algo.IsMarket ? TimeInForce.Gtc : algo.TimeInForce,
                Price = algo.IsMarket ? default : algo.Price,
                StopPrice = algo.TriggerPrice,
                OrigQty = qty,
                ReduceOnly = algo.ReduceOnly || algo.ClosePosition,
                ClosePosition = algo.ClosePosition,
                PriceProtect = algo.PriceProtect,
                WorkingType = algo.WorkingType,
                OrigType = algo.OrderType,
                Triggered = true,
                TimeMs = now,
                UpdateTimeMs = now,
            };
            order.TakerOnFill = order.Type == OrderType.Limit && FillRules.WouldTake(order.Side, order.Price, print);
            algo.Actual = order;
            algo.Owner.OpenByClientId.Remove(order.ClientOrderId);
            Accept(order);
            AlgoOrdersTriggered++;
            algo.Status = "TRIGGERED";
            PublishAlgoUpdate(algo);
            EndAlgo(algo, "FINISHED");
        }
    }

    private void EndAlgo(DeskAlgo algo, string status)
    {
        algo.Status = status;
        algo.UpdateTimeMs = Now;
        PublishAlgoUpdate(algo);
    }

    private SimError? FindAlgo(SimAccount account, DeskParams p, out DeskAlgo? algo)
    {
        algo = null;
        SimError? e = p.Long("algoId", false, out long id);
        if (e is not null)
        {
            return e;
        }

        string? client = p["clientAlgoId"];
        DeskAccount a = AccountOf(account);
        if (id != 0)
        {
            _algos.TryGetValue(id, out algo);
        }
        else if (!string.IsNullOrEmpty(client))
        {
            a.AlgoByClientId.TryGetValue(client, out algo);
        }
        else
        {
            return SimError.BadRequest(-1102, "Param 'clientAlgoId' or 'algoId' must be sent, but both were empty/null!");
        }

        if (algo is null || algo.Owner != a)
        {
            algo = null;
            return SimError.BadRequest(-2013, "Order does not exist.");
        }

        return null;
    }

    private SimError? ParseAlgo(SimAccount account, DeskParams p, out DeskAlgo? algo)
    {
        algo = null;
        SimError? e = DeskParams.First(p.Required("algoType", out string algoType), SymbolOf(p, out DeskSymbol? s), p.Side(out Side side), p.Required("type", out string type));
        if (e is not null)
        {
            return e;
        }

        if (algoType != "CONDITIONAL")
        {
            return SimError.IllegalValue("algoType");
        }

        if (AccountOf(account).DualSidePosition)
        {
            return PositionSideMismatch;
        }

        if (type is not ("STOP_MARKET" or "TAKE_PROFIT_MARKET" or "STOP" or "TAKE_PROFIT"))
        {
            return SimError.BadRequest(-1116, "Invalid orderType.");
        }

        bool market = type.EndsWith("_MARKET", StringComparison.Ordinal);
        e = DeskParams.First(
            p.Bool("closePosition", out bool close), p.Bool("reduceOnly", out bool reduceOnly), p.Bool("priceProtect", out bool protect),
            p.Decimal("quantity", !close, out long qty), p.Decimal("triggerPrice", true, out long trigger), p.Decimal("price", !market, out long price),
            p.TimeInForce(false, out TimeInForce tif));
        if (e is not null)
        {
            return e;
        }

        DeskAccount a = AccountOf(account);
        string client = p["clientAlgoId"] ?? NewClientId();
        if (a.AlgoByClientId.TryGetValue(client, out DeskAlgo? existing) && existing.IsOpen)
        {
            return SimError.BadRequest(-4116, "ClientOrderId is duplicated.");
        }

        DeskAlgo candidate = new() { OrderType = type, Side = side, TriggerPrice = new Price(trigger) };
        if (close)
        {
            qty = Math.Abs(a.Position(s!).Amount.E8);
            reduceOnly = true;
        }

        var request = new OrderRequest(OrderCommand.Submit, default, default, s!.Id, side, candidate.TriggerKind, TimeInForce.Gtc, default, new Price(trigger), new Quantity(qty), reduceOnly, 0);
        BinanceErrorCode code = close && qty == 0
            ? BinanceErrorCode.ReduceOnlyRejected
            : FillRules.Validate(in request, s.Filters, View(a, s), s.Last, default);
        if (code == BinanceErrorCode.None && !market && (price <= 0 || price % s.Filters.TickSize.E8 != 0))
        {
            code = BinanceErrorCode.PriceNotIncreasedByTickSize;
        }

        if (code != BinanceErrorCode.None)
        {
            return DeskErrors.Of(code, s);
        }

        long now = Now;
        algo = new DeskAlgo
        {
            AlgoId = ++_nextAlgoId,
            ClientAlgoId = client,
            Owner = a,
            Symbol = s,
            Side = side,
            OrderType = type,
            TriggerPrice = new Price(trigger),
            Price = new Price(price),
            Quantity = close ? default : new Quantity(qty),
            TimeInForce = tif,
            ReduceOnly = reduceOnly && !close,
            ClosePosition = close,
            PriceProtect = protect,
            WorkingType = p["workingType"] ?? "CONTRACT_PRICE",
            CreateTimeMs = now,
            UpdateTimeMs = now,
        };
        return null;
    }
}
