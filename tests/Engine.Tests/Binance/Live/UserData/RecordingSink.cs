using Engine.Binance.Live.UserData;
using Engine.Model;

namespace Engine.Tests.Binance.Live.UserData;

/// <summary>Collects what the user stream hands on; safe to read from the test thread while the stream runs.</summary>
internal sealed class RecordingSink : IUserEventSink
{
    private readonly List<VenueReport> _reports = [];
    private readonly List<AccountUpdate> _updates = [];

    public IReadOnlyList<VenueReport> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public IReadOnlyList<AccountUpdate> Updates
    {
        get
        {
            lock (_reports)
            {
                return [.. _updates];
            }
        }
    }

    public void OnReport(in VenueReport report)
    {
        lock (_reports)
        {
            _reports.Add(report);
        }
    }

    public void OnAccountUpdate(in AccountUpdate update)
    {
        lock (_reports)
        {
            _updates.Add(update);
        }
    }
}
