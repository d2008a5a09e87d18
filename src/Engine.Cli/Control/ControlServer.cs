using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Engine.Model;
using Engine.Pipeline;
using Engine.Risk;

namespace Engine.Cli.Control;

/// <summary>
/// The running engine's end of <c>engine ctl</c>: a Unix domain socket (in an owner-only directory, see
/// <see cref="ControlEndpoint"/>) that takes one command word per connection, posts it into the input ring as an
/// <see cref="OperatorCommand"/> (<paramref name="publish"/>, e.g. <c>EnginePipeline.TryPublish</c>), waits until the
/// engine thread has applied it (its published figures count operator commands) and answers with what the engine did.
/// Cold: its own task; never touches engine state, only the published figures (<paramref name="read"/>).
/// </summary>
public sealed class ControlServer(string runDirectory, Func<OperatorCommand, bool> publish, Func<AccountFigures> read) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _loop;

    /// <summary>How long an answer waits for the engine to apply the command.</summary>
    public TimeSpan ApplyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public string? SocketPath { get; private set; }

    /// <summary>Commands answered (a snapshot).</summary>
    public long Answered => Volatile.Read(ref _answered);

    private long _answered;

    /// <summary>Starts a server for a run; when the socket cannot be made the run goes on without one, and says why.</summary>
    public static ControlServer? TryStart(string runDirectory, Func<OperatorCommand, bool> publish, Func<AccountFigures> read, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var server = new ControlServer(runDirectory, publish, read);
        try
        {
            server.Start();
            return server;
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            server.Dispose();
            warnings.Add($"control socket not started (engine ctl will not reach this run): {e.Message}");
            return null;
        }
    }

    /// <summary>Binds the socket, writes the pointer file into the run directory, and starts answering.</summary>
    public void Start()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the control socket needs Unix file permissions");
        }

        string path = ControlEndpoint.SocketPathFor(runDirectory);
        if (File.Exists(path))
        {
            File.Delete(path); // a socket left by a run that died: nobody listens on it
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // owner-only, inside an owner-only directory
        listener.Listen(8);
        _listener = listener;
        SocketPath = path;
        File.WriteAllText(Path.Combine(runDirectory, ControlEndpoint.PointerFileName), path + "\n");
        _loop = Task.Run(() => AcceptAsync(listener, _stop.Token));
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, stop), stop);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        using (client)
        {
            try
            {
                using var stream = new NetworkStream(client, ownsSocket: false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                string word = ((await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false)) ?? "").Trim();
                ControlAnswer answer = await AnswerAsync(word, stop).ConfigureAwait(false);
                byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(answer) + "\n");
                await stream.WriteAsync(line, stop).ConfigureAwait(false);
                Interlocked.Increment(ref _answered);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // the client left, or the run is ending: nothing to answer
            }
        }
    }

    /// <summary>Posts the command and waits for the engine to apply it; the answer is built from the published figures.</summary>
    public async Task<ControlAnswer> AnswerAsync(string word, CancellationToken stop)
    {
        if (word.Length > 32 || !ControlVerb.TryParse(word, out OperatorCommandKind kind))
        {
            string shown = word.Length > 32 ? word[..32] + "…" : word;
            return new ControlAnswer { Command = shown, Message = $"unknown command '{shown}'; one of: {string.Join(", ", ControlVerb.All)}" };
        }

        AccountFigures before = read();
        if (!publish(new OperatorCommand(kind, SymbolId.None, 0)))
        {
            return new ControlAnswer { Command = word, Message = "not posted: 64 operator commands are already waiting for the engine" };
        }

        var clock = Stopwatch.StartNew();
        AccountFigures after = read();
        while (after.OperatorCommands <= before.OperatorCommands)
        {
            if (clock.Elapsed > ApplyTimeout)
            {
                return new ControlAnswer { Command = word, Message = $"posted, but the engine did not apply it within {ApplyTimeout.TotalSeconds:0.#} s (is the run ending?)" };
            }

            await Task.Delay(5, stop).ConfigureAwait(false);
            after = read();
        }

        return Describe(word, kind, before, after);
    }

    private static ControlAnswer Describe(string word, OperatorCommandKind kind, in AccountFigures before, in AccountFigures after)
    {
        long orders = after.Orders - before.Orders, cancels = after.Cancels - before.Cancels;
        string state = after.State switch
        {
            TradingState.Active => "ACTIVE",
            TradingState.Reducing => "REDUCING",
            _ => "HALTED",
        };
        string did = kind switch
        {
            OperatorCommandKind.Halt => $"halted: no new entries, protective orders kept; {after.WorkingOrders} working order(s)",
            OperatorCommandKind.Resume => $"resumed: trading state {state}",
            OperatorCommandKind.Flatten => $"flattening: {cancels} cancel(s) and {orders} closing order(s) sent; halted until resume",
            OperatorCommandKind.CancelAll => $"halted and {cancels} cancel(s) sent; an open position's stop is placed again by its plan",
            _ => $"trading state {state}",
        };
        return new ControlAnswer
        {
            Command = word,
            Applied = true,
            State = state,
            WorkingOrders = after.WorkingOrders,
            OpenPositions = after.OpenPositions,
            OrdersSent = orders,
            CancelsSent = cancels,
            Fills = after.Fills,
            NetPnl = after.NetPnl.ToDecimal(),
            Message = $"{did}; {after.OpenPositions} open position(s), {after.Fills} fill(s), net PnL {after.NetPnl}",
        };
    }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _listener?.Dispose();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // the loop ended on the disposed socket
        }

        if (SocketPath is not null)
        {
            TryDelete(SocketPath);
            TryDelete(Path.Combine(runDirectory, ControlEndpoint.PointerFileName));
        }

        _stop.Dispose();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a stale socket is replaced by the next run
        }
    }
}
