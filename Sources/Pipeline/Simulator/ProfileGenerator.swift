/// Synthetic profile records, one per user, like the reference's SageMaker variant: name,
/// gender, personal email, phone, home address and loyalty details — drawn from the user's own
/// random stream so they are as reproducible as the events.
struct ProfileGenerator {
    static let stream: UInt64 = 2

    static let firstNames = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
                             "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
                             "Aiko", "Mateo", "Priya", "Chen", "Fatima", "Lucas", "Amara", "Noah", "Sofia", "Omar"]
    static let lastNames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
                            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
                            "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson"]
    static let streets = ["Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Sunset", "River"]
    static let streetKinds = ["St", "Ave", "Blvd", "Rd", "Ln", "Dr"]
    static let cities: [(String, String)] = [
        ("San Jose", "CA"), ("Seattle", "WA"), ("Austin", "TX"), ("Denver", "CO"), ("Boston", "MA"), ("Chicago", "IL"),
        ("Atlanta", "GA"), ("Portland", "OR"), ("Miami", "FL"), ("Phoenix", "AZ"), ("New York", "NY"), ("Salt Lake City", "UT"),
    ]
    static let genders = ["male", "female", "not_specified"]
    static let tiers = ["diamond", "platinum", "gold", "silver", "member"]
    /// 2000-01-01 … 2023-12-31 in seconds.
    static let joinStart: Int64 = 946_684_800, joinSpan = 757_382_400

    struct Columns {
        var userId: [String] = [], email: [String] = [], firstName: [String] = [], lastName: [String] = []
        var gender: [String] = [], personalEmail: [String] = [], mobilePhone: [String] = []
        var street: [String] = [], city: [String] = [], state: [String] = [], postalCode: [String] = []
        var loyaltyId: [Int] = [], loyaltyTier: [String] = [], loyaltyPoints: [Int] = [], loyaltyJoinDate: [Int64] = []
        var truePropensity: [Double] = [], subscribed: [Bool] = [], userNumber: [Int] = []

        mutating func append(_ other: Columns) {
            userId += other.userId; email += other.email; firstName += other.firstName; lastName += other.lastName
            gender += other.gender; personalEmail += other.personalEmail; mobilePhone += other.mobilePhone
            street += other.street; city += other.city; state += other.state; postalCode += other.postalCode
            loyaltyId += other.loyaltyId; loyaltyTier += other.loyaltyTier; loyaltyPoints += other.loyaltyPoints
            loyaltyJoinDate += other.loyaltyJoinDate; truePropensity += other.truePropensity
            subscribed += other.subscribed; userNumber += other.userNumber
        }

        func table() -> Table {
            try! Table([
                Column("userId", strings: userId), Column("email", strings: email),
                Column("firstName", strings: firstName), Column("lastName", strings: lastName),
                Column("gender", strings: gender), Column("personalEmail", strings: personalEmail),
                Column("mobilePhone", strings: mobilePhone), Column("street", strings: street),
                Column("city", strings: city), Column("state", strings: state), Column("postalCode", strings: postalCode),
                Column("loyaltyId", ints: loyaltyId), Column("loyaltyTier", strings: loyaltyTier),
                Column("loyaltyPoints", ints: loyaltyPoints), Column("loyaltyJoinDate", timestamps: loyaltyJoinDate),
                Column("truePropensity", doubles: truePropensity), Column("subscribed", bools: subscribed),
                Column("userNumber", ints: userNumber),
            ])
        }
    }

    /// The names in lower case, for personal emails (lower-cased once, not per person).
    static let lowerFirstNames = firstNames.map { Array($0.lowercased().utf8) }
    static let lowerLastNames = lastNames.map { Array($0.lowercased().utf8) }

    let seed: UInt64

    /// Appends `user`'s profile; its strings are built in the caller's reusable `text`.
    func append(user: Int, ecid: String, email: String, propensity: Double, subscribed: Bool,
                to c: inout Columns, text: inout TextBuilder) {
        var rng = RandomStream(seed: seed, user: user, stream: Self.stream)
        let first = rng.below(Self.firstNames.count), last = rng.below(Self.lastNames.count)
        let (city, state) = Self.cities[rng.below(Self.cities.count)]
        c.userId.append(ecid)
        c.email.append(email)
        c.firstName.append(Self.firstNames[first])
        c.lastName.append(Self.lastNames[last])
        c.gender.append(Self.genders[rng.below(Self.genders.count)])
        text.clear()
        text.append(Self.lowerFirstNames[first]); text.append(byte: UInt8(ascii: ".")); text.append(Self.lowerLastNames[last])
        text.append(decimal: user); text.append("@emailsim.io")
        c.personalEmail.append(text.string)
        text.clear()
        text.append(decimal: 200 + rng.below(800)); text.append(byte: UInt8(ascii: "-"))
        text.append(decimal: 200 + rng.below(800)); text.append(byte: UInt8(ascii: "-"))
        text.append(decimal: 1000 + rng.below(9000))
        c.mobilePhone.append(text.string)
        text.clear()
        text.append(decimal: 1 + rng.below(9999)); text.append(byte: UInt8(ascii: " "))
        text.append(Self.streets[rng.below(Self.streets.count)]); text.append(byte: UInt8(ascii: " "))
        text.append(Self.streetKinds[rng.below(Self.streetKinds.count)])
        c.street.append(text.string)
        c.city.append(city)
        c.state.append(state)
        text.clear()
        text.append(decimal: 10000 + rng.below(90000))
        c.postalCode.append(text.string)
        c.loyaltyId.append(5_000_000 + rng.below(1_000_001))
        c.loyaltyTier.append(Self.tiers[rng.below(Self.tiers.count)])
        c.loyaltyPoints.append(rng.below(1_000_001))
        c.loyaltyJoinDate.append((Self.joinStart + Int64(rng.below(Int(Self.joinSpan)))) * 1_000_000)
        c.truePropensity.append(propensity)
        c.subscribed.append(subscribed)
        c.userNumber.append(user)
    }
}
