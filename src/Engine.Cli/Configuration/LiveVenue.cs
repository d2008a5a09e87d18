using System.Net;

namespace Engine.Cli.Configuration;

/// <summary>
/// Where <c>engine live</c> trades, checked before anything is read or created: the bases of <c>Venue:Environment</c>
/// (or <c>--endpoint</c>), and the real-money gate. Binance production is reached only with
/// <c>Venue:Environment=Production</c> <b>and</b> <c>--i-understand-this-trades-real-money</c>; a custom endpoint that is
/// neither loopback nor a known testnet host needs the flag too (it may be a proxy to production).
/// </summary>
public sealed record LiveVenue(VenueEnvironment Environment, BinanceEndpoints Endpoints, bool RealMoney)
{
    /// <summary>The command-line flag that allows real money.</summary>
    public const string RealMoneyFlag = "--i-understand-this-trades-real-money";

    /// <summary>Hosts that hold no real money: Binance's futures testnet and demo trading.</summary>
    private static readonly string[] TestHosts =
        ["testnet.binancefuture.com", "fstream.binancefuture.com", "demo-fapi.binance.com", "demo-fstream.binance.com"];

    public static LiveVenue Resolve(VenueOptions venue, string? endpoint, bool realMoneyAllowed)
    {
        ArgumentNullException.ThrowIfNull(venue);
        VenueEnvironment environment = venue.Environment;
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (environment == VenueEnvironment.Production)
            {
                throw new ConfigurationException($"--endpoint {endpoint} with Venue:Environment=Production: production is Binance's own hosts; drop --endpoint, or set Venue:Environment=Custom");
            }

            environment = VenueEnvironment.Custom;
        }
        else if (environment == VenueEnvironment.Custom)
        {
            throw new ConfigurationException("Venue:Environment=Custom needs --endpoint URL (one base for every REST and WS path, e.g. http://127.0.0.1:8080 for engine sim)");
        }

        BinanceEndpoints endpoints = environment switch
        {
            VenueEnvironment.Production => BinanceEndpoints.For(BinanceNetwork.Production),
            VenueEnvironment.Testnet => BinanceEndpoints.For(BinanceNetwork.Testnet),
            _ => BinanceEndpoints.Resolve(new BinanceOptions(), endpoint),
        };

        bool realMoney = environment == VenueEnvironment.Production
            || (environment == VenueEnvironment.Custom && !IsLoopback(endpoints.Rest) && !IsTestHost(endpoints.Rest));
        if (realMoney && !realMoneyAllowed)
        {
            throw new ConfigurationException(environment == VenueEnvironment.Production
                ? $"Venue:Environment=Production sends real orders with real money: add {RealMoneyFlag} to mean it (the default, Testnet, trades no real money)"
                : $"--endpoint {endpoints.Rest} is neither loopback nor a Binance testnet host, so it may reach real money: add {RealMoneyFlag} to mean it");
        }

        return new LiveVenue(environment, endpoints, realMoney);
    }

    /// <summary>One line for the report: environment, bases, and whether real money is at stake.</summary>
    public string Describe() =>
        $"{Environment}: REST {Endpoints.Rest}, streams {Endpoints.Stream}; {(RealMoney ? "REAL MONEY" : "no real money")}";

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    private static bool IsTestHost(Uri uri) => TestHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
}
