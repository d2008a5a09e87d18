using Engine.Binance.Live.Market;
using Engine.Model;

namespace Engine.Cli.Record;

/// <summary>
/// <c>engine record</c>'s frames from the live market feed in tap-only mode (no ring, nothing parsed): the feed's
/// connections, routing (<c>/market</c>, <c>/public</c>, at most 200 streams each), pings, reconnects and handovers,
/// and every text message handed to the writer with the feed's local receive time. During a handover both
/// connections' frames are recorded until the old one closes (a few seconds every 23.5 h); a replay drops the repeated
/// trade ids. Frames sent while a connection was down are not in the recording.
/// </summary>
public sealed class FeedRecordSource : IRecordSource, IRawFrameTap
{
    private readonly RotatingFrameWriter _writer;
    private readonly MarketFeed _feed;

    public FeedRecordSource(RecordRequest request, RotatingFrameWriter writer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _feed = new MarketFeed(Options(request), new SymbolRegistry(request.Symbols), publisher: null, tap: this);
    }

    /// <summary>The combined-stream URIs the feed opens.</summary>
    public IReadOnlyList<Uri> Connections => _feed.Connections;

    public long Reconnects => _feed.Statistics.Snapshot().Reconnects;

    /// <summary>
    /// The feed's options: an http(s) endpoint is one base for every path (the sim); a ws(s) endpoint is the stream base,
    /// with Binance's production REST host for the feed's clock-offset check.
    /// </summary>
    public static MarketFeedOptions Options(RecordRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri endpoint = request.Endpoint;
        MarketFeedOptions options = endpoint.Scheme is "ws" or "wss"
            ? new MarketFeedOptions { StreamBase = endpoint, Symbols = request.Symbols }
            : MarketFeedOptions.ForEndpoint(endpoint, request.Symbols);
        return options with { Streams = [.. request.Streams.Select(s => RecordStreams.Known[s])] };
    }

    public void OnFrame(ReadOnlySpan<byte> utf8, long localUnixNanos) => _writer.Write(utf8, localUnixNanos);

    public Task StartAsync(CancellationToken stop) => _feed.StartAsync(stop);

    public Task StopAsync() => _feed.StopAsync();

    public ValueTask DisposeAsync() => _feed.DisposeAsync();
}
