namespace Engine.Sim.Trading;

/// <summary>
/// The dead-man switch, <c>POST /fapi/v1/countdownCancelAll</c>: each call replaces the symbol's countdown with
/// <c>countdownTime</c> ms from now (0 stops it); when a countdown runs out, every open regular order of the account
/// in that symbol is cancelled (<c>ORDER_TRADE_UPDATE</c> CANCELED, as a cancel-all). Conditional orders of the Algo
/// Service are a separate book (not in <c>openOrders</c>, not cancelled by <c>allOpenOrders</c>) and are kept: the
/// stops that protect a position outlive the client. Binance's page says "all open orders of the specified symbol";
/// that its Algo Service orders are not among them is this sim's reading, to be confirmed on the testnet
/// (docs/live-trading.md). Binance checks the countdowns about every 10 ms; the sim's timer does the same.
/// </summary>
public sealed partial class SimTradingDesk
{
    /// <summary>Countdowns that ran out (each one cancels the symbol's open orders of one account).</summary>
    public long CountdownsExpired { get; private set; }

    /// <summary>Orders cancelled because a countdown ran out.</summary>
    public long CountdownCancels { get; private set; }

    /// <summary>POST /fapi/v1/countdownCancelAll: <c>{"symbol":"BTCUSDT","countdownTime":"100000"}</c>.</summary>
    public DeskResult CountdownCancelAll(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(SymbolOf(p, out DeskSymbol? s), p.Long("countdownTime", true, out long countdown));
            if (e is not null)
            {
                return e;
            }

            if (countdown < 0)
            {
                return SimError.IllegalValue("countdownTime");
            }

            DeskAccount a = AccountOf(account);
            if (countdown == 0)
            {
                a.Countdowns.Remove(s!.Id.Value);
            }
            else
            {
                a.Countdowns[s!.Id.Value] = Now + countdown;
            }

            return DeskResult.Ok(DeskJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("symbol", s.Name);
                w.WriteString("countdownTime", countdown.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }));
        }
    }

    /// <summary>The server time (ms) at which the account's countdown for <paramref name="symbol"/> runs out; null when none is set.</summary>
    public long? CountdownDeadline(string apiKey, string symbol)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(apiKey, out DeskAccount? a) && _byName.TryGetValue(symbol, out DeskSymbol? s)
                && a.Countdowns.TryGetValue(s.Id.Value, out long deadline) ? deadline : null;
        }
    }

    /// <summary>The countdown timer's tick: cancels the open orders of every (account, symbol) whose countdown has run out.</summary>
    internal void ExpireCountdowns()
    {
        lock (_gate)
        {
            long now = Now;
            foreach (DeskAccount a in _accounts.Values)
            {
                if (a.Countdowns.Count == 0)
                {
                    continue;
                }

                foreach (var (symbolId, deadline) in a.Countdowns.Where(kv => kv.Value <= now).ToList())
                {
                    a.Countdowns.Remove(symbolId);
                    CountdownsExpired++;
                    foreach (DeskOrder o in a.OpenByClientId.Values.Where(o => o.Symbol.Id.Value == symbolId).ToList())
                    {
                        CountdownCancels++;
                        Finish(o, "CANCELED");
                    }
                }
            }
        }
    }
}
