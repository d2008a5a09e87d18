namespace Engine.Model;

/// <summary>How long a limit order works (Binance <c>timeInForce</c>).</summary>
public enum TimeInForce : byte
{
    /// <summary>Not applicable (market and stop-market orders).</summary>
    None = 0,

    /// <summary>Good till canceled.</summary>
    Gtc = 1,

    /// <summary>Immediate or cancel: the unfilled rest expires.</summary>
    Ioc = 2,

    /// <summary>Fill or kill.</summary>
    Fok = 3,

    /// <summary>Good till crossing: post-only, rejected with -5022 when it would take.</summary>
    Gtx = 4,
}
