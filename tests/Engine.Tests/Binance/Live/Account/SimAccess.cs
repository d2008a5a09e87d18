using System.Text;
using Engine.Binance.Live.Account;
using Engine.Binance.Live.Orders;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Trading;

namespace Engine.Tests.Binance.Live.Account;

/// <summary>The run's <see cref="VenueAccess"/> to a <see cref="TradingHarness"/> sim, as <c>engine live</c> builds it.</summary>
internal static class SimAccess
{
    public const string OneSymbolAccount = $$$"""{"accounts":[{"apiKey":"{{{TradingHarness.ApiKey}}}","secretKey":"{{{TradingHarness.Secret}}}","balances":{"USDT":"USDT_AMOUNT"}}]}""";

    /// <summary>The harness's account with <paramref name="usdt"/> USDT.</summary>
    public static string AccountWith(string usdt) => OneSymbolAccount.Replace("USDT_AMOUNT", usdt, StringComparison.Ordinal);

    /// <summary>Access with the harness's key; <paramref name="secret"/> replaces its secret (a key the venue refuses).</summary>
    public static VenueAccess Of(TradingHarness h, string secret = TradingHarness.Secret) => new()
    {
        RestBase = h.Server.BaseAddress,
        Credentials = new ApiCredentials(TradingHarness.ApiKey, new HmacSha256Signer(Encoding.ASCII.GetBytes(secret)), "test"),
        ServerTimeMs = () => TapeClock.WallClockMs,
        RequestTimeout = TimeSpan.FromSeconds(30),
    };
}
