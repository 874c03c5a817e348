fn main() {
    println!("plenary: under construction");
}
