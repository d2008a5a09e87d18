using System.Net.Http;
using Engine.Binance.Live.Account;
using Engine.Tests.Sim.Trading;

namespace Engine.Tests.Binance.Live.Account;

/// <summary>
/// <see cref="LiveStartChecks"/> against the in-process sim: each refusal is caused on the sim's side (hedge mode,
/// multi-assets mode, a symbol Binance's recorded exchangeInfo lists as PENDING_TRADING, a small balance, a position
/// that blocks a margin-type change, a wrong secret), and what the checks set is read back from the sim's
/// <c>positionRisk</c>.
/// </summary>
public sealed class LiveStartChecksTests
{
    private static async Task<StartCheckResult> CheckAsync(TradingHarness h, AccountCheckOptions options, string secret = TradingHarness.Secret, params string[] symbols)
    {
        using var checks = new LiveStartChecks(SimAccess.Of(h, secret), options);
        return await checks.RunAsync(symbols.Length == 0 ? ["BTCUSDT"] : symbols);
    }

    [Fact]
    public async Task GoodAccount_Passes_AndSetsLeverageAndMarginType_AsConfigured()
    {
        await using var h = await TradingHarness.StartAsync();
        var (_, before) = await h.CallAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("20", before[0].GetProperty("leverage").GetString()); // the sim's default, so a change is visible
        Assert.Equal("cross", before[0].GetProperty("marginType").GetString());

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions { Leverage = 3, MarginType = "ISOLATED", MinAvailableBalance = 10000m });

        Assert.True(result.Passed, result.Describe());
        var (_, after) = await h.CallAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("3", after[0].GetProperty("leverage").GetString());
        Assert.Equal("isolated", after[0].GetProperty("marginType").GetString());
        Assert.Contains("BTCUSDT leverage set to 3x", result.Notes);
        Assert.Contains("BTCUSDT margin type set to ISOLATED", result.Notes);
    }

    [Fact]
    public async Task SecondStart_MarginTypeAlreadySet_Minus4046_IsFine()
    {
        await using var h = await TradingHarness.StartAsync();
        var options = new AccountCheckOptions { LeverageBySymbol = new(StringComparer.OrdinalIgnoreCase) { ["BTCUSDT"] = 7 } };
        Assert.True((await CheckAsync(h, options)).Passed);

        var (status, body) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=CROSSED");
        Assert.Equal(400, status); // the sim's own -4046, which the second start meets
        Assert.Equal(-4046, body.GetProperty("code").GetInt32());

        StartCheckResult again = await CheckAsync(h, options);
        Assert.True(again.Passed, again.Describe());
        Assert.Contains("BTCUSDT margin type CROSSED (already)", again.Notes);
        Assert.Contains("BTCUSDT leverage set to 7x", again.Notes);
    }

    [Fact]
    public async Task HedgeMode_IsRefused_AndNothingIsChanged()
    {
        await using var h = await TradingHarness.StartAsync();
        var (status, _) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true");
        Assert.Equal(200, status);

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions { Leverage = 3 });

        Assert.False(result.Passed);
        Assert.Contains(result.Refusals, r => r.Contains("hedge mode", StringComparison.Ordinal) && r.Contains("one-way", StringComparison.Ordinal));
        var (_, risk) = await h.CallAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("20", risk[0].GetProperty("leverage").GetString()); // not set: a read check failed first
    }

    [Fact]
    public async Task MultiAssetsMode_IsRefused()
    {
        await using var h = await TradingHarness.StartAsync();
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/multiAssetsMargin", "multiAssetsMargin=true")).Status);

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions());

        Assert.Single(result.Refusals);
        Assert.Contains("multi-assets", result.Refusals[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SymbolNotTrading_AndSymbolNotListed_AreRefused_ByName()
    {
        // BTCSTUSDT is PENDING_TRADING in Binance's recorded exchangeInfo of 2021-07-21 that the sim serves.
        await using var h = await TradingHarness.StartAsync(symbols: ["BTCUSDT", "BTCSTUSDT"]);

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions(), TradingHarness.Secret, "BTCUSDT", "BTCSTUSDT", "NOSUCHUSDT");

        Assert.Equal(2, result.Refusals.Count);
        Assert.Contains("BTCSTUSDT has status PENDING_TRADING, not TRADING", result.Refusals[0], StringComparison.Ordinal);
        Assert.Contains("NOSUCHUSDT is not listed", result.Refusals[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BalanceBelowMinimum_IsRefused_WithBothFigures()
    {
        await using var h = await TradingHarness.StartAsync(accountsJson: SimAccess.AccountWith("50"));

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions { MinAvailableBalance = 100m });

        Assert.Single(result.Refusals);
        Assert.Contains("available USDT balance 50.00000000 is below Account:MinAvailableBalance 100", result.Refusals[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarginTypeBlockedByAPosition_IsRefused()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1", 1);
        Assert.Equal(200, (await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010")).Status);
        h.Print("40000", "1", 2); // fills the market order: a long position of 0.010

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions { MarginType = "ISOLATED" });

        Assert.Single(result.Refusals);
        Assert.Contains("cannot be set to ISOLATED while the symbol has a position", result.Refusals[0], StringComparison.Ordinal);
        Assert.Contains("-4048", result.Refusals[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_IsRefused_WithoutShowingIt()
    {
        await using var h = await TradingHarness.StartAsync();
        const string wrong = "SIMTESTwrongSecretNeverShown";

        StartCheckResult result = await CheckAsync(h, new AccountCheckOptions(), wrong);

        Assert.Single(result.Refusals);
        Assert.Contains("the venue refused the API key", result.Refusals[0], StringComparison.Ordinal);
        Assert.Contains("-1022", result.Refusals[0], StringComparison.Ordinal);
        string all = result.Describe() + string.Join("\n", result.Notes);
        Assert.DoesNotContain(wrong, all, StringComparison.Ordinal);
        Assert.DoesNotContain(TradingHarness.ApiKey, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableVenue_IsRefused()
    {
        await using var h = await TradingHarness.StartAsync();
        var access = SimAccess.Of(h) with { RestBase = new Uri("http://127.0.0.1:1") };
        using var checks = new LiveStartChecks(access, new AccountCheckOptions());

        StartCheckResult result = await checks.RunAsync(["BTCUSDT"]);

        Assert.Single(result.Refusals);
        Assert.StartsWith("the venue did not answer", result.Refusals[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_AreNamed()
    {
        var options = new AccountCheckOptions { Leverage = 0, MarginType = "cross", MinAvailableBalance = -1, LeverageBySymbol = new() { ["ETHUSDT"] = 126 } };

        IReadOnlyList<string> problems = options.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Account:Leverage = 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Account:LeverageBySymbol:ETHUSDT = 126", StringComparison.Ordinal));
    }
}
