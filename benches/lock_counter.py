import threading

# 전역변수(동시접근)
lock = threading.Lock()
shared_resource = 0

def increment():
    global shared_resource
    for _ in range(1000000):
        with lock:
            shared_resource += 1

def decrement():
    global shared_resource
    for _ in range(1000000):
        with lock:
            shared_resource -= 1

# 스레드 생성
thread1 = threading.Thread(target=increment)
thread2 = threading.Thread(target=decrement)

# 스레드 시작
thread1.start()
thread2.start()

# 스레드가 완료될 때까지 대기
thread1.join()
thread2.join()

print(f"Final value of shared_resource: {shared_resource}") # 0
