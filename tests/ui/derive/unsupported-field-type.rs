use dynamodel::Table;

struct Color(u8, u8, u8);

#[derive(Table)]
#[dynamodel(table = "cars")]
struct Car {
    #[dynamodel(partition_key)]
    id: String,
    color: Color,
    trims: Vec<Color>,
    made: std::time::SystemTime,
}

fn main() {}
