using System.Globalization;

namespace Engine.Binance.Live.Account;

/// <summary>
/// What <see cref="LiveStartChecks"/> requires of the account before the first order (config section <c>Account</c>):
/// the leverage and margin type to set per symbol, and the smallest available USDT balance to start with.
/// </summary>
public sealed record AccountCheckOptions
{
    /// <summary>Leverage set on every symbol of the run (1 to 125), unless <see cref="LeverageBySymbol"/> names it.</summary>
    public int Leverage { get; init; } = 5;

    /// <summary>Per-symbol leverage, by Binance symbol name (<c>BTCUSDT</c>).</summary>
    public Dictionary<string, int> LeverageBySymbol { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>CROSSED</c> (default) or <c>ISOLATED</c>, set on every symbol of the run.</summary>
    public string MarginType { get; init; } = "CROSSED";

    /// <summary>Smallest USDT <c>availableBalance</c> (<c>GET /fapi/v2/balance</c>) the run may start with; 0 checks nothing.</summary>
    public decimal MinAvailableBalance { get; init; }

    public int LeverageOf(string symbol) => LeverageBySymbol.TryGetValue(symbol, out int l) ? l : Leverage;

    /// <summary>Every problem, each naming its key and what is allowed; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Leverage is < 1 or > 125)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Account:Leverage = {Leverage} is not allowed: 1 to 125"));
        }

        foreach (var (symbol, leverage) in LeverageBySymbol)
        {
            if (leverage is < 1 or > 125)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Account:LeverageBySymbol:{symbol} = {leverage} is not allowed: 1 to 125"));
            }
        }

        if (MarginType is not ("CROSSED" or "ISOLATED"))
        {
            problems.Add($"Account:MarginType = {MarginType} is not allowed: CROSSED or ISOLATED");
        }

        if (MinAvailableBalance < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Account:MinAvailableBalance = {MinAvailableBalance} is not allowed: 0 or more (USDT)"));
        }

        return problems;
    }
}
