using Engine.Cli.Configuration;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// The market data of a paper run: publishes trades and timer ticks into the engine's input from threads of its own
/// between <see cref="StartAsync"/> and <see cref="StopAsync"/>. The live one is Binance's market streams
/// (<c>MarketFeed</c>); tests give a scripted one.
/// </summary>
public interface IPaperFeed : IAsyncDisposable
{
    /// <summary>Starts publishing and returns (failures to connect are retried inside, not thrown).</summary>
    Task StartAsync(CancellationToken stop);

    /// <summary>Stops; nothing is published after it returns.</summary>
    Task StopAsync();

    /// <summary>The feed's health now; any thread.</summary>
    FeedFigures Figures();

    /// <summary>True while at least one market connection is open (the live run's health rule watches it); any thread.</summary>
    bool Connected => true;
}

/// <summary>What a paper feed is made from: where to connect, which symbols (registry ids = lane ids), where to publish.</summary>
public sealed record PaperFeedContext(BinanceEndpoints Endpoints, IReadOnlyList<string> Symbols, SymbolRegistry Registry, IInputPublisher Input, int FeedCpu)
{
    /// <summary>The timer's margin behind the market clock (<c>Binance:FeedTickSafetyMarginMs</c>); null: the feed's default.</summary>
    public TimeSpan? TickSafetyMargin { get; init; }
}

/// <summary>Makes the feed of a paper run.</summary>
public delegate IPaperFeed PaperFeedFactory(PaperFeedContext context);
