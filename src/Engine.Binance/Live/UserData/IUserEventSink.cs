using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// Where the user stream hands what it decoded: order reports for the OMS, account updates for the engine. In a live
/// run it is the input ring (through the input publisher); tests collect into lists. Called from the stream's
/// receiving thread only.
/// </summary>
public interface IUserEventSink
{
    void OnReport(in VenueReport report);

    void OnAccountUpdate(in AccountUpdate update);
}
