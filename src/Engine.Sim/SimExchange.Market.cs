using Engine.Sim.Market;
using Engine.Sim.Tape;

namespace Engine.Sim;

/// <summary>The market side: exchangeInfo, the tape's frames, the player thread, market sockets and the wire-to-wire histogram.</summary>
public sealed partial class SimExchange
{
    private MarketSymbol[] _marketSymbols = [];

    /// <summary>The tape's symbols with the decimals their frames print.</summary>
    internal IReadOnlyList<MarketSymbol> MarketSymbols => _marketSymbols;

    partial void StartMarket()
    {
        (ExchangeInfoJson, _marketSymbols) = ExchangeInfoBuilder.Build(Tape, TapeClock.WallClockMs);
    }
}
