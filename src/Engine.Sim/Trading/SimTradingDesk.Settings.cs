namespace Engine.Sim.Trading;

/// <summary>
/// The account settings Binance lets a client read and change, which a live engine checks before its first order:
/// position mode (<c>/fapi/v1/positionSide/dual</c>), multi-assets mode (<c>/fapi/v1/multiAssetsMargin</c>) and the
/// margin type per symbol (<c>/fapi/v1/marginType</c>). The sim keeps what is set and answers as Binance does; it
/// still matches one-way and computes cross margin whatever is set (an order in hedge mode is refused with -4061,
/// as Binance refuses an order without LONG/SHORT then).
/// </summary>
public sealed partial class SimTradingDesk
{
    private static readonly SimError NoNeedToChangePositionSide = SimError.BadRequest(-4059, "No need to change position side.");
    private static readonly SimError PositionSideOpenOrders = SimError.BadRequest(-4067, "Position side cannot be changed if there exists open orders.");
    private static readonly SimError PositionSideQuantity = SimError.BadRequest(-4068, "Position side cannot be changed if there exists position.");
    private static readonly SimError NoNeedToChangeMarginType = SimError.BadRequest(-4046, "No need to change margin type.");
    private static readonly SimError MarginTypeOpenOrders = SimError.BadRequest(-4047, "Margin type cannot be changed if there exists open orders.");
    private static readonly SimError MarginTypeQuantity = SimError.BadRequest(-4048, "Margin type cannot be changed if there exists position.");
    internal static readonly SimError PositionSideMismatch = SimError.BadRequest(-4061, "Order's position side does not match user's setting.");

    /// <summary>GET /fapi/v1/positionSide/dual: <c>{"dualSidePosition":false}</c> (one-way) or true (hedge).</summary>
    public DeskResult PositionMode(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            bool dual = AccountOf(account).DualSidePosition;
            return BoolAnswer("dualSidePosition", dual);
        }
    }

    /// <summary>POST /fapi/v1/positionSide/dual: -4059 when already so; -4067/-4068 while an order is open or a position held.</summary>
    public DeskResult ChangePositionMode(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(p.Required("dualSidePosition", out _), p.Bool("dualSidePosition", out bool dual));
            if (e is not null)
            {
                return e;
            }

            DeskAccount a = AccountOf(account);
            if (a.DualSidePosition == dual)
            {
                return NoNeedToChangePositionSide;
            }

            if (a.OpenByClientId.Count > 0 || a.AlgoByClientId.Values.Any(x => x.IsOpen))
            {
                return PositionSideOpenOrders;
            }

            if (a.Positions.Values.Any(x => x.Amount.E8 != 0))
            {
                return PositionSideQuantity;
            }

            a.DualSidePosition = dual;
            return DeskResult.Ok(Success.ToArray());
        }
    }

    /// <summary>GET /fapi/v1/multiAssetsMargin: <c>{"multiAssetsMargin":false}</c>.</summary>
    public DeskResult MultiAssetsMode(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            bool on = AccountOf(account).MultiAssetsMargin;
            return BoolAnswer("multiAssetsMargin", on);
        }
    }

    /// <summary>POST /fapi/v1/multiAssetsMargin: sets the mode (the sim's margin stays USDT-only).</summary>
    public DeskResult ChangeMultiAssetsMode(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(p.Required("multiAssetsMargin", out _), p.Bool("multiAssetsMargin", out bool on));
            if (e is not null)
            {
                return e;
            }

            AccountOf(account).MultiAssetsMargin = on;
            return DeskResult.Ok(Success.ToArray());
        }
    }

    /// <summary>
    /// POST /fapi/v1/marginType (<c>ISOLATED</c> or <c>CROSSED</c>): -4046 when the symbol already has it; -4047/-4048
    /// while the symbol has an open order or a position.
    /// </summary>
    public DeskResult ChangeMarginType(SimAccount account, DeskParams p)
    {
        lock (_gate)
        {
            SimError? e = DeskParams.First(SymbolOf(p, out DeskSymbol? s), p.Required("marginType", out string type));
            if (e is not null)
            {
                return e;
            }

            if (type is not ("ISOLATED" or "CROSSED"))
            {
                return SimError.IllegalValue("marginType");
            }

            DeskAccount a = AccountOf(account);
            if (a.MarginTypeOf(s!) == type)
            {
                return NoNeedToChangeMarginType;
            }

            if (a.OpenByClientId.Values.Any(o => o.Symbol == s) || a.AlgoByClientId.Values.Any(x => x.IsOpen && x.Symbol == s))
            {
                return MarginTypeOpenOrders;
            }

            if (a.Positions.TryGetValue(s!.Id.Value, out DeskPosition? pos) && pos.Amount.E8 != 0)
            {
                return MarginTypeQuantity;
            }

            a.MarginTypes[s.Id.Value] = type;
            return DeskResult.Ok(Success.ToArray());
        }
    }

    /// <summary>Binance's answer to a settings change.</summary>
    private static ReadOnlySpan<byte> Success => "{\"code\":200,\"msg\":\"success\"}"u8;

    // {"<name>":true|false}: the answer of both mode queries.
    private static DeskResult BoolAnswer(string name, bool value) => DeskResult.Ok(DeskJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean(name, value);
        w.WriteEndObject();
    }));
}
