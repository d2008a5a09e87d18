using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using Engine.Model;
using Engine.Timing;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Order entry over REST: the parameters built into a pooled buffer (<see cref="SignedQuery"/>), signed, sent as the
/// query string with the key in <c>X-MBX-APIKEY</c>, the answer read into a pooled buffer and parsed without
/// allocating (<see cref="VenueAnswerParser"/>), the rate-limit headers and <c>Retry-After</c> read back. What
/// HttpClient itself allocates per request (the request and response objects, the URI string, the header values) is
/// measured in docs/live-trading.md.
/// </summary>
public sealed class RestOrderTransport : IOrderTransport
{
    private readonly HttpClient _http;
    private readonly ApiCredentials _credentials;
    private readonly GatewayOptions _options;
    private readonly SignedQuery _query = new();
    private readonly char[] _url = new char[4096];
    private byte[] _body = ArrayPool<byte>.Shared.Rent(64 * 1024);

    public RestOrderTransport(Uri baseAddress, ApiCredentials credentials, GatewayOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), UseCookies = false }, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = options.RequestTimeout,
        };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("X-MBX-APIKEY", credentials.ApiKey);
    }

    public string Name => "REST";

    public bool IsUp => true;

    public long Requests { get; private set; }

    public long LastSendTimestamp { get; private set; }

    /// <summary>Answers whose body was not JSON.</summary>
    public long BadAnswers { get; private set; }

    public bool Supports(VenueCall call) => call != VenueCall.None;

    public void Execute(VenueCall call, in OrderRequest request, ReadOnlySpan<byte> symbol, long timestampMs, ref VenueAnswer answer, out bool maybeSent)
    {
        _query.Reset();
        OrderParams.Write(_query, call, in request, symbol, _options.ClientIdPrefix, _options.RecvWindowMs, timestampMs);
        _query.Sign(_credentials.Signer);
        HttpMethod method = call switch
        {
            VenueCall.PlaceOrder or VenueCall.PlaceAlgo => HttpMethod.Post,
            VenueCall.CancelOrder or VenueCall.CancelAlgo => HttpMethod.Delete,
            _ => HttpMethod.Get,
        };

        Send(method, OrderParams.PathOf(call), _query.Written, ref answer, out maybeSent);
    }

    /// <summary>
    /// GET /fapi/v1/time into the clock (unsigned, weight 1 each): three reads, the one with the shortest round trip
    /// kept (its midpoint is the closest estimate; the first read on a new connection also pays for its set-up).
    /// False when none was answered.
    /// </summary>
    public bool TrySyncClock(ServerClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        long bestRtt = long.MaxValue;
        long bestServer = 0, bestSent = 0, bestReceived = 0;
        for (int i = 0; i < 3; i++)
        {
            var answer = default(VenueAnswer);
            answer.Clear();
            long sent = clock.LocalMs;
            Send(HttpMethod.Get, "/fapi/v1/time"u8, [], ref answer, out _);
            long received = clock.LocalMs;
            if (answer.IsOk && answer.ServerTimeMs != 0 && received - sent < bestRtt)
            {
                (bestRtt, bestServer, bestSent, bestReceived) = (received - sent, answer.ServerTimeMs, sent, received);
            }
        }

        if (bestRtt == long.MaxValue)
        {
            return false;
        }

        clock.Update(bestServer, bestSent, bestReceived);
        return true;
    }

    public void Dispose()
    {
        _http.Dispose();
        _query.Dispose();
        if (_body.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_body);
            _body = [];
        }
    }

    private void Send(HttpMethod method, ReadOnlySpan<byte> path, ReadOnlySpan<byte> query, ref VenueAnswer answer, out bool maybeSent)
    {
        Requests++;
        maybeSent = true;
        int n = Encoding.ASCII.GetChars(path, _url);
        if (!query.IsEmpty)
        {
            _url[n++] = '?';
            n += Encoding.ASCII.GetChars(query, _url.AsSpan(n));
        }

        using var message = new HttpRequestMessage(method, new Uri(new string(_url, 0, n), UriKind.Relative));
        try
        {
            LastSendTimestamp = EngineClock.Timestamp(); // HttpClient writes the request on this thread before it waits
            using HttpResponseMessage response = _http.Send(message, HttpCompletionOption.ResponseHeadersRead);
            answer.HttpStatus = (int)response.StatusCode;
            ReadHeaders(response, ref answer);
            int length = ReadBody(response);
            if (length > 0 && !VenueAnswerParser.TryParseRest(_body.AsSpan(0, length), ref answer))
            {
                BadAnswers++; // not JSON (a proxy's error page): the HTTP status alone decides
            }
        }
        catch (HttpRequestException e)
        {
            answer.TransportFailed = true;
            maybeSent = e.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError);
        }
        catch (OperationCanceledException)
        {
            answer.TransportFailed = true; // HttpClient.Timeout: the venue may still execute it
        }
        catch (IOException)
        {
            answer.TransportFailed = true; // the connection broke while the answer was read
        }
    }

    private int ReadBody(HttpResponseMessage response)
    {
        using Stream stream = response.Content.ReadAsStream();
        int length = 0;
        while (true)
        {
            if (length == _body.Length)
            {
                GrowBody();
            }

            int read = stream.Read(_body, length, _body.Length - length);
            if (read == 0)
            {
                return length;
            }

            length += read;
        }
    }

    private void GrowBody()
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(_body.Length * 2);
        _body.AsSpan().CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_body);
        _body = larger;
    }

    private static void ReadHeaders(HttpResponseMessage response, ref VenueAnswer answer)
    {
        var headers = response.Headers.NonValidated;
        answer.UsedWeight1m = IntHeader(headers, "X-MBX-USED-WEIGHT-1M");
        answer.OrderCount10s = IntHeader(headers, "X-MBX-ORDER-COUNT-10S");
        answer.OrderCount1m = IntHeader(headers, "X-MBX-ORDER-COUNT-1M");
        if (answer.HttpStatus is (int)HttpStatusCode.TooManyRequests or 418)
        {
            answer.RetryAfterSeconds = IntHeader(headers, "Retry-After");
        }
    }

    private static int IntHeader(System.Net.Http.Headers.HttpHeadersNonValidated headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
        {
            return -1;
        }

        foreach (string value in values)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1;
        }

        return -1;
    }
}
