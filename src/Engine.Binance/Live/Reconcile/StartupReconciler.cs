using System.Net.Http;
using System.Text.Json;
using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Binance.Live.Reconcile;

/// <summary>
/// Before the first new order after a start or a resume (issue #18): asks the venue for open orders, open algo
/// orders, positions, the balance and the fills since the last one the engine knows, compares them with the engine's
/// rebuilt state (<see cref="EngineBook"/>), and brings the engine in line through the input ring, so every change is
/// journalled as the input it is: fills while down and the ends of vanished orders become venue reports, an order an
/// acknowledgement of which was lost becomes Accepted, positions and the balance become account updates. Open orders
/// the engine does not know are canceled (or adopted, by configuration); a position nothing protects gets a stop, or
/// is closed at market when the venue refuses the stop. Every difference is in the result (status line, report,
/// <c>reconcile.log</c>) and sent to the alert sink. A failure (the venue unreachable, a refused cancel, a position
/// that cannot be protected or closed) puts an operator Halt into the input ring: the engine stays HALTED and the
/// result says why.
/// </summary>
/// <remarks>
/// The host runs it once the pipeline runs (its reports need the engine thread) and before it starts the market feed,
/// the only source of new entries; the user data stream should be connected first, so that nothing that happens
/// during the pass is missed (the stream and this pass report the same fill once: the OMS drops a repeat by its
/// cumulative quantity). Cold path, its own thread.
/// </remarks>
public sealed partial class StartupReconciler : IDisposable
{
    private readonly UserStreamOptions _venue;
    private readonly ReconcileOptions _options;
    private readonly SymbolRegistry _symbols;
    private readonly IInputPublisher _input;
    private readonly InputPublisherSink _sink;
    private readonly IReconcileAlertSink? _alerts;
    private readonly UserRestClient _rest;
    private readonly List<ReconcileDifference> _differences = [];
    private int _protectiveOrders;

    public StartupReconciler(UserStreamOptions venue, ReconcileOptions options, SymbolRegistry symbols, IInputPublisher input, IReconcileAlertSink? alerts = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _venue = venue;
        _options = options;
        _symbols = symbols;
        _input = input;
        _sink = new InputPublisherSink(input);
        _alerts = alerts;
        _rest = new UserRestClient(venue);
    }

    /// <summary>One reconciliation; on failure the engine has been told to halt. Never throws for the venue's answers.</summary>
    public async Task<ReconcileResult> RunAsync(EngineBook book, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(book);
        _differences.Clear();
        VenueView? view = null;
        string? failure = null;
        int attempt = 0;
        while (view is null && attempt < _options.Attempts)
        {
            attempt++;
            try
            {
                view = await AskVenueAsync(book, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (IsVenueFailure(e, cancel))
            {
                failure = $"the venue's state could not be read after {attempt} attempt(s): {Describe(e)}";
                if (attempt < _options.Attempts)
                {
                    await Task.Delay(_options.RetryDelay, cancel).ConfigureAwait(false);
                }
            }
        }

        if (view is not null)
        {
            failure = null;
            try
            {
                ApplyFills(book, view);
                ApplyOpenAndEnds(book, view);
                await UnknownOrdersAsync(book, view, cancel).ConfigureAwait(false);
                await LostCancelsAsync(book, view, cancel).ConfigureAwait(false);
                await PositionsAsync(book, view, cancel).ConfigureAwait(false);
                PublishBalance(view);
            }
            catch (Exception e) when (IsVenueFailure(e, cancel) || e is ReconcileException)
            {
                failure = Describe(e);
            }
        }

        if (failure is not null)
        {
            Halt();
            _alerts?.OnReconcileFailure(failure);
        }

        return new ReconcileResult(failure is null, failure, [.. _differences], attempt, view?.WalletBalance, _venue.ServerTimeMs());
    }

    private static bool IsVenueFailure(Exception e, CancellationToken cancel) =>
        e is HttpRequestException or UserStreamException or JsonException or InvalidOperationException or KeyNotFoundException or FormatException
        || (e is OperationCanceledException && !cancel.IsCancellationRequested); // a request's own time limit

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "a request timed out",
        HttpRequestException h => "the venue is unreachable (" + h.Message + ")",
        _ => e.Message,
    };

    private void Note(ReconcileDifferenceKind kind, SymbolId symbol, ClientOrderId id, long venueId, Quantity quantity, Price price, string text) =>
        Note(new ReconcileDifference(kind, _symbols.NameOf(symbol), id, venueId, quantity, price, text));

    private void Note(in ReconcileDifference d)
    {
        _differences.Add(d);
        _alerts?.OnReconcileDifference(in d);
    }

    /// <summary>An operator halt through the input ring: entries stop, protective orders stay, until an operator resumes.</summary>
    private void Halt()
    {
        try
        {
            long sequence = _input.Claim();
            ref EngineEvent slot = ref _input[sequence];
            slot.Kind = EventKind.OperatorCommand;
            slot.ReceivedTimestamp = Engine.Timing.EngineClock.Timestamp();
            slot.Command = new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, 0);
            _input.Publish(sequence);
        }
        catch (InputClosedException)
        {
            // the run is stopping already: nothing will trade
        }
    }

    public void Dispose() => _rest.Dispose();
}

/// <summary>A step of the reconciliation the venue refused (a cancel, a protective stop and the flatten after it).</summary>
internal sealed class ReconcileException(string message) : Exception(message);
