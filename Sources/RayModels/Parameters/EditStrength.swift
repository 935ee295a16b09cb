/// Ray 3.2 Edit's nine presets for how far the result may drift from the source.
///
/// Adhere stays close to the source, Flex allows moderate change, Reimagine transforms fully;
/// a higher number pushes further within its band.
public enum EditStrength: String, CaseIterable, Codable, Sendable {
    case adhere1 = "adhere_1", adhere2 = "adhere_2", adhere3 = "adhere_3"
    case flex1 = "flex_1", flex2 = "flex_2", flex3 = "flex_3"
    case reimagine1 = "reimagine_1", reimagine2 = "reimagine_2", reimagine3 = "reimagine_3"

    /// What Ray 3.2 Edit uses when neither `editStrength` nor `autoControls` is sent: `adhere_1`.
    public static let `default` = EditStrength.adhere1
}
