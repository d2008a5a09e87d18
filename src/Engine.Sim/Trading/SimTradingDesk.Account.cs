using System.Text.Json;

namespace Engine.Sim.Trading;

public sealed partial class SimTradingDesk
{
    /// <summary>Notional cap <c>maxNotionalValue</c> shows (the sim applies none beyond the margin check).</summary>
    private const string MaxNotional = "1000000000";

    /// <summary>POST /fapi/v1/leverage: 1 to 125 for the symbol; later orders are checked at it.</summary>
    public DeskResult ChangeLeverage(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(SymbolOf(p, out DeskSymbol? s), p.Long("leverage", true, out long leverage));
            if (e is not null)
            {
                return e;
            }

            if (leverage is < 1 or > 125)
            {
                return SimError.BadRequest(-4028, $"Leverage {leverage} is not valid");
            }

            AccountOf(account).Leverage[s!.Id.Value] = (int)leverage;
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("leverage", leverage);
                w.WriteString("maxNotionalValue", MaxNotional);
                w.WriteString("symbol", s.Name);
                w.WriteEndObject();
            }));
        }
    }

    /// <summary>GET /fapi/v3/positionRisk (and v2): one-way positions, of one symbol when given; the mark is the last trade.</summary>
    public DeskResult PositionRisk(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            DeskSymbol? only = null;
            if (p.Has("symbol") && !_byName.TryGetValue(p["symbol"]!, out only))
            {
                return BadSymbol;
            }

            DeskAccount a = AccountOf(account);
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (DeskSymbol s in _symbols)
                {
                    if ((only is null || s == only) && a.Positions.TryGetValue(s.Id.Value, out DeskPosition? pos) && (pos.Amount.E8 != 0 || only is not null))
                    {
                        PositionRiskEntry(w, a, s, pos);
                    }
                    else if (only == s)
                    {
                        PositionRiskEntry(w, a, s, new DeskPosition());
                    }
                }

                w.WriteEndArray();
            }));
        }
    }

    /// <summary>GET /fapi/v2/balance and /fapi/v3/balance: the USDT balance.</summary>
    public DeskResult Balance(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            DeskAccount a = AccountOf(account);
            decimal unrealized = a.Positions.Sum(kv => Unrealized(kv.Value, _symbols[kv.Key]));
            decimal available = Available(a);
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("accountAlias", "SimS");
                w.WriteString("asset", "USDT");
                w.WriteString("balance", DeskJson.Money(a.Wallet));
                w.WriteString("crossWalletBalance", DeskJson.Money(a.Wallet));
                w.WriteString("crossUnPnl", DeskJson.Money(unrealized));
                w.WriteString("availableBalance", DeskJson.Money(available));
                w.WriteString("maxWithdrawAmount", DeskJson.Money(Math.Min(available, a.Wallet)));
                w.WriteBoolean("marginAvailable", true);
                w.WriteNumber("updateTime", Now);
                w.WriteEndObject();
                w.WriteEndArray();
            }));
        }
    }

    /// <summary>GET /fapi/v3/account: totals, the USDT asset and the open positions.</summary>
    public DeskResult Account(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            DeskAccount a = AccountOf(account);
            decimal unrealized = a.Positions.Sum(kv => Unrealized(kv.Value, _symbols[kv.Key]));
            decimal initial = a.Positions.Sum(kv => InitialMargin(a, _symbols[kv.Key], kv.Value));
            decimal available = Available(a);
            string wallet = DeskJson.Money(a.Wallet);
            long now = Now;
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("totalInitialMargin", DeskJson.Money(initial));
                w.WriteString("totalMaintMargin", DeskJson.Money(0m));
                w.WriteString("totalWalletBalance", wallet);
                w.WriteString("totalUnrealizedProfit", DeskJson.Money(unrealized));
                w.WriteString("totalMarginBalance", DeskJson.Money(a.Wallet + unrealized));
                w.WriteString("totalPositionInitialMargin", DeskJson.Money(initial));
                w.WriteString("totalOpenOrderInitialMargin", DeskJson.Money(0m));
                w.WriteString("totalCrossWalletBalance", wallet);
                w.WriteString("totalCrossUnPnl", DeskJson.Money(unrealized));
                w.WriteString("availableBalance", DeskJson.Money(available));
                w.WriteString("maxWithdrawAmount", DeskJson.Money(Math.Min(available, a.Wallet)));
                w.WriteStartArray("assets");
                w.WriteStartObject();
                w.WriteString("asset", "USDT");
                w.WriteString("walletBalance", wallet);
                w.WriteString("unrealizedProfit", DeskJson.Money(unrealized));
                w.WriteString("marginBalance", DeskJson.Money(a.Wallet + unrealized));
                w.WriteString("maintMargin", DeskJson.Money(0m));
                w.WriteString("initialMargin", DeskJson.Money(initial));
                w.WriteString("positionInitialMargin", DeskJson.Money(initial));
                w.WriteString("openOrderInitialMargin", DeskJson.Money(0m));
                w.WriteString("crossWalletBalance", wallet);
                w.WriteString("crossUnPnl", DeskJson.Money(unrealized));
                w.WriteString("availableBalance", DeskJson.Money(available));
                w.WriteString("maxWithdrawAmount", DeskJson.Money(Math.Min(available, a.Wallet)));
                w.WriteNumber("updateTime", now);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("positions");
                foreach (var (id, pos) in a.Positions.Where(kv => kv.Value.Amount.E8 != 0).OrderBy(kv => kv.Key))
                {
                    DeskSymbol s = _symbols[id];
                    w.WriteStartObject();
                    w.WriteString("symbol", s.Name);
                    w.WriteString("positionSide", "BOTH");
                    w.WriteString("positionAmt", s.Quantity(pos.Amount));
                    w.WriteString("unrealizedProfit", DeskJson.Money(Unrealized(pos, s)));
                    w.WriteString("isolatedMargin", DeskJson.Money(0m));
                    w.WriteString("notional", DeskJson.Money(pos.Amount.ToDecimal() * s.Last.ToDecimal()));
                    w.WriteString("isolatedWallet", "0");
                    w.WriteString("initialMargin", DeskJson.Money(InitialMargin(a, s, pos)));
                    w.WriteString("maintMargin", DeskJson.Money(0m));
                    w.WriteNumber("updateTime", pos.UpdateTimeMs);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }
    }

    /// <summary>GET /fapi/v1/userTrades: the account's fills in the symbol, oldest first (at most <c>limit</c>, default 500, the latest).</summary>
    public DeskResult UserTrades(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(SymbolOf(p, out DeskSymbol? s), p.Long("limit", false, out long limit));
            if (e is not null)
            {
                return e;
            }

            limit = limit <= 0 ? 500 : Math.Min(limit, 1000);
            var trades = AccountOf(account).Trades.Where(t => t.Symbol == s).ToList();
            var last = trades.Skip(Math.Max(0, trades.Count - (int)limit)).ToList();
            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (DeskTrade t in last)
                {
                    w.WriteStartObject();
                    w.WriteBoolean("buyer", t.Side == Model.Side.Buy);
                    w.WriteString("commission", DeskJson.Money(t.Commission));
                    w.WriteString("commissionAsset", "USDT");
                    w.WriteNumber("id", t.Id);
                    w.WriteBoolean("maker", t.Maker);
                    w.WriteNumber("orderId", t.OrderId);
                    w.WriteString("price", s!.Price(t.Price));
                    w.WriteString("qty", s.Quantity(t.Quantity));
                    w.WriteString("quoteQty", DeskJson.Quote(s, t.Price.ToDecimal() * t.Quantity.ToDecimal()));
                    w.WriteString("realizedPnl", DeskJson.Money(t.RealizedPnl));
                    w.WriteString("side", t.Side == Model.Side.Buy ? "BUY" : "SELL");
                    w.WriteString("positionSide", "BOTH");
                    w.WriteString("symbol", s.Name);
                    w.WriteNumber("time", t.TimeMs);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }
    }

    private void PositionRiskEntry(Utf8JsonWriter w, DeskAccount a, DeskSymbol s, DeskPosition pos)
    {
        int wide = Math.Max(s.PricePrecision, 8);
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteString("positionAmt", s.Quantity(pos.Amount));
        w.WriteString("entryPrice", DeskFormat.Fixed(pos.EntryPrice, Math.Max(s.PricePrecision, 1)));
        w.WriteString("breakEvenPrice", DeskFormat.Fixed(BreakEven(pos), Math.Max(s.PricePrecision, 1)));
        w.WriteString("markPrice", DeskFormat.Fixed(s.Last.ToDecimal(), wide));
        w.WriteString("unRealizedProfit", DeskJson.Money(Unrealized(pos, s)));
        w.WriteString("liquidationPrice", "0");
        w.WriteString("leverage", a.LeverageOf(s).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("maxNotionalValue", MaxNotional);
        w.WriteString("marginType", a.MarginTypeOf(s) == "ISOLATED" ? "isolated" : "cross");
        w.WriteString("isolatedMargin", DeskJson.Money(0m));
        w.WriteString("isAutoAddMargin", "false");
        w.WriteString("positionSide", "BOTH");
        w.WriteString("notional", DeskJson.Money(pos.Amount.ToDecimal() * s.Last.ToDecimal()));
        w.WriteString("isolatedWallet", "0");
        w.WriteNumber("updateTime", pos.UpdateTimeMs);
        w.WriteEndObject();
    }

    private static decimal InitialMargin(DeskAccount a, DeskSymbol s, DeskPosition pos) => Math.Abs(pos.Amount.ToDecimal()) * s.Last.ToDecimal() / a.LeverageOf(s);

    /// <summary>Wallet + unrealised PnL − initial margin of every position.</summary>
    private decimal Available(DeskAccount a) =>
        Math.Max(0m, a.Wallet + a.Positions.Sum(kv => Unrealized(kv.Value, _symbols[kv.Key]) - InitialMargin(a, _symbols[kv.Key], kv.Value)));
}
