# `in`, list.index, list.count and list.remove with __eq__ written in Python: the item is
# compared with the value, in order, identity first.
class Card:
    def __init__(self, rank):
        self.rank = rank

    def __eq__(self, other):
        print('eq', self.rank, other)
        if isinstance(other, Card):
            return self.rank == other.rank
        return self.rank == other

    def __repr__(self):
        return f'Card({self.rank})'


hand = [Card(3), Card(7), Card(3), 'joker']
print(Card(7) in hand, 7 in hand, 9 in hand, 9 not in hand)
print(hand.index(Card(3)), hand.index(7), hand.count(Card(3)), hand.count(hand[1]))
hand.remove(7)
print(hand, (Card(1), 2) .count(1), Card(2) in (Card(2),))
try:
    hand.index(Card(5))
except ValueError as e:
    print('ValueError:', e)
try:
    hand.remove(Card(5))
except ValueError as e:
    print('ValueError:', e)
print((1, 2, 2).count(2), (1, 2, 3).index(3), (Card(4), 'x').index('x'))
try:
    (1, 2).index(5)
except ValueError as e:
    print('ValueError:', e)
