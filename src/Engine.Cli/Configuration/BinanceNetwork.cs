namespace Engine.Cli.Configuration;

/// <summary>Which Binance USD-M futures hosts a live run talks to (<see cref="BinanceEndpoints.For"/> names them).</summary>
public enum BinanceNetwork
{
    /// <summary>The real market: <c>https://fapi.binance.com</c>, <c>wss://fstream.binance.com</c>.</summary>
    Production,

    /// <summary>The futures testnet: <c>https://testnet.binancefuture.com</c>, <c>wss://fstream.binancefuture.com</c>.</summary>
    Testnet,

    /// <summary>Demo trading: <c>https://demo-fapi.binance.com</c>, <c>wss://demo-fstream.binance.com</c>.</summary>
    Demo,
}
