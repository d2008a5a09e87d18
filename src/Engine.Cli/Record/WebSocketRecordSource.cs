using System.Net.WebSockets;

namespace Engine.Cli.Record;

/// <summary>
/// A plain combined-stream reader for <c>engine record</c>: one socket per URI, each whole text message handed to the
/// writer with its local receive time; a lost connection is opened again after a back-off (250 ms doubling to 5 s).
/// Frames sent while a connection is down are not recovered: a recording is what was received.
/// </summary>
public sealed class WebSocketRecordSource : IRecordSource
{
    private readonly IReadOnlyList<Uri> _uris;
    private readonly RotatingFrameWriter _writer;
    private readonly Func<long> _clock;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private long _reconnects;

    public WebSocketRecordSource(IReadOnlyList<Uri> uris, RotatingFrameWriter writer, Func<long> clock)
    {
        ArgumentNullException.ThrowIfNull(uris);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clock);
        _uris = uris;
        _writer = writer;
        _clock = clock;
    }

    public long Reconnects => Interlocked.Read(ref _reconnects);

    public Task StartAsync(CancellationToken stop)
    {
        stop.Register(_stop.Cancel);
        _running = Task.WhenAll(_uris.Select(uri => Task.Run(() => RunAsync(uri, _stop.Token), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(Uri uri, CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        byte[] buffer = new byte[64 * 1024];
        bool first = true;
        while (!stop.IsCancellationRequested)
        {
            if (!first)
            {
                Interlocked.Increment(ref _reconnects);
            }

            first = false;
            try
            {
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
                await socket.ConnectAsync(uri, stop).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(250);
                buffer = await ReceiveAllAsync(socket, buffer, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or HttpRequestException)
            {
                // the connection is gone: open it again below, unless stopping
            }

            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    // Reads messages until the server closes or stop; returns the (possibly grown) buffer for the next connection.
    private async Task<byte[]> ReceiveAllAsync(ClientWebSocket socket, byte[] buffer, CancellationToken stop)
    {
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // a frame larger than any before it: once
            }

            ValueWebSocketReceiveResult r = await socket.ReceiveAsync(buffer.AsMemory(length), stop).ConfigureAwait(false);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return buffer;
            }

            length += r.Count;
            if (r.EndOfMessage)
            {
                if (r.MessageType == WebSocketMessageType.Text)
                {
                    _writer.Write(buffer.AsSpan(0, length), _clock());
                }

                length = 0;
            }
        }
    }
}
